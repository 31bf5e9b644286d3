package org.filesync.transfer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plan saw at a path. A job replaces or deletes the entry only if it still matches: same
 * kind; for a file the same size and modification time (to the millisecond) and, when given, the
 * same content hash; for a symbolic link the same link target when given. A directory matches by
 * kind alone.
 *
 * @param kind the kind of the entry
 * @param size the size in bytes of a file, 0 otherwise
 * @param mtime the modification time
 * @param hash the content hash of a file, when the plan knows it
 * @param linkTarget the target of a symbolic link, empty when not checked
 */
public record ExpectedState(EntryKind kind, long size, Instant mtime, Optional<ContentHash> hash, String linkTarget) {

    public ExpectedState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(linkTarget, "linkTarget");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    /** A file of this size and mtime. */
    public static ExpectedState file(long size, Instant mtime) {
        return new ExpectedState(EntryKind.FILE, size, mtime, Optional.empty(), "");
    }

    /** A file of this size, mtime and content. */
    public static ExpectedState file(long size, Instant mtime, ContentHash hash) {
        return new ExpectedState(EntryKind.FILE, size, mtime, Optional.of(hash), "");
    }

    /** A directory. */
    public static ExpectedState directory() {
        return new ExpectedState(EntryKind.DIRECTORY, 0, Instant.EPOCH, Optional.empty(), "");
    }

    /** A symbolic link to {@code target}. */
    public static ExpectedState symlink(String target) {
        return new ExpectedState(EntryKind.SYMLINK, 0, Instant.EPOCH, Optional.empty(), target);
    }
}
