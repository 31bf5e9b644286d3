package org.filesync.api.path;

import java.util.Objects;
import java.util.Optional;

/**
 * What is known about the entry at a path: what the index saw, what both ends of a conduit agreed
 * on, or what a job re-checks before it overwrites or deletes (same kind; for a file the same size,
 * mtime and, when present, hash; for a symlink the same link target, when present).
 *
 * @param kind file, directory, symlink or other
 * @param size bytes (0 for directories; the link text length for symlinks)
 * @param mtimeNanos modification time in nanoseconds since the epoch
 * @param mode POSIX permission bits ({@code 0644} …), or -1 where unknown
 * @param symlinkTarget the link text, for symlinks
 * @param hash the content hash of a file ({@link #HASH_ALGORITHM}, lower-case hex), when known
 */
public record EntryFacts(
        EntryKind kind, long size, long mtimeNanos, int mode, Optional<String> symlinkTarget, Optional<String> hash) {

    /** The content hash algorithm, as named by {@link java.security.MessageDigest}. */
    public static final String HASH_ALGORITHM = "SHA-256";

    public EntryFacts {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symlinkTarget, "symlinkTarget");
        Objects.requireNonNull(hash, "hash");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (mode < -1 || mode > 07777) {
            throw new IllegalArgumentException("not a permission mode: " + mode);
        }
        if (hash.isPresent() && kind != EntryKind.FILE) {
            throw new IllegalArgumentException("only files have a content hash");
        }
    }

    /** Whether this is a directory. */
    public boolean isDirectory() {
        return kind == EntryKind.DIRECTORY;
    }

    /**
     * Whether both are files with provably the same content: same size and the same known hash.
     * Without a hash on either side the content counts as different.
     */
    public boolean sameContent(EntryFacts other) {
        return kind == EntryKind.FILE
                && other.kind == EntryKind.FILE
                && size == other.size
                && hash.isPresent()
                && hash.equals(other.hash);
    }
}
