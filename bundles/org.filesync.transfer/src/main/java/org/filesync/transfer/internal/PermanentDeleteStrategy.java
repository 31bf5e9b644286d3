package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.filesync.transfer.DeleteStrategy;
import org.osgi.service.component.annotations.Component;

/** Removes entries for good: {@code unlink} of files and links, {@code rmdir} of empty directories. */
@Component(
        name = "org.filesync.transfer.delete.permanent",
        property = DeleteStrategy.PROPERTY + "=" + DeleteStrategy.PERMANENT)
public final class PermanentDeleteStrategy implements DeleteStrategy {

    @Override
    public void remove(Path endpoint, Path entry, String generation) throws IOException {
        Files.delete(entry); // a link is removed as a link; a directory only when empty
    }

    @Override
    public void keepReplaced(Path endpoint, Path existing, String generation) {
        // nothing is kept
    }
}
