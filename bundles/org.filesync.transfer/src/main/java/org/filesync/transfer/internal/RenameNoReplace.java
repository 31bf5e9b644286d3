package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The rename of an entry, a file or a whole directory, to a name nothing stands at: one {@code
 * renameat2(RENAME_NOREPLACE)} where the native call works; otherwise a look that the name is still
 * free right before a plain {@code rename(2)} (which would replace an empty directory or a file that
 * appeared in between, so the caller must accept that window).
 */
final class RenameNoReplace {

    private final Optional<NativeFs> nativeFs;

    RenameNoReplace(Optional<NativeFs> nativeFs) {
        this.nativeFs = nativeFs;
    }

    /** Renames {@code from} to {@code to} unless {@code to} exists; false, with nothing changed, when it exists. */
    boolean rename(Path from, Path to) throws IOException {
        try {
            if (nativeFs.isPresent() && nativeFs.get().renameNoReplace(from, to)) {
                return true;
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        // without renameat2: the name was free a moment ago; rename(2) itself cannot refuse
        if (StateCheck.lstat(to).isPresent()) {
            return false;
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
