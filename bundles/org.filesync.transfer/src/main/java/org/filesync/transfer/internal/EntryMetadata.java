package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a copied entry its source's mode (not for links) and modification time: one {@code
 * utimensat(2)} where the native calls are available, the JDK's attribute view otherwise.
 */
final class EntryMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(EntryMetadata.class);

    private final Optional<NativeFs> nativeFs;

    EntryMetadata(Optional<NativeFs> nativeFs) {
        this.nativeFs = nativeFs;
    }

    /** Mode and times of a file or directory; a failure is the caller's. */
    void apply(Path p, PosixFileAttributes source) throws IOException {
        Files.setPosixFilePermissions(p, source.permissions());
        setTimes(p, source, false);
    }

    /** Times of a symbolic link; where the filesystem cannot set them, the link keeps its own. */
    void applyToLink(Path p, PosixFileAttributes source) throws IOException {
        setTimes(p, source, true);
    }

    private void setTimes(Path p, PosixFileAttributes source, boolean link) throws IOException {
        // one utimensat(2) instead of the JDK's open + futimens + close
        if (nativeFs.isPresent() && nativeFs.get().setTimes(p, source.lastModifiedTime(), source.lastAccessTime())) {
            return;
        }
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(source.lastModifiedTime(), source.lastAccessTime(), null);
        } catch (IOException | UnsupportedOperationException e) {
            if (!link) {
                throw e;
            }
            LOG.debug("Cannot set the mtime of link {}: {}", p, e.toString());
        }
    }
}
