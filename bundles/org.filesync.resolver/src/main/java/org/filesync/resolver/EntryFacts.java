package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;
import org.filesync.index.EntryKind;
import org.filesync.index.IndexEntry;

/**
 * What the index knows about an entry, as an operation carries it: the source's facts to write, or
 * the destination's facts a job re-checks before it overwrites or deletes (same kind; for a file
 * the same size, mtime and, when present, hash; for a symlink the same link target).
 *
 * @param kind file, directory, symlink or other
 * @param size bytes (0 for directories; the link text length for symlinks)
 * @param mtimeNanos modification time in nanoseconds since the epoch
 * @param mode POSIX permission bits ({@code 0644} …), or -1 where unknown
 * @param symlinkTarget the link text, for symlinks
 * @param hash the content hash of a file ({@link IndexEntry#HASH_ALGORITHM}, lower-case hex), when
 *     the index has one
 */
public record EntryFacts(
        EntryKind kind, long size, long mtimeNanos, int mode, Optional<String> symlinkTarget, Optional<String> hash) {

    public EntryFacts {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symlinkTarget, "symlinkTarget");
        Objects.requireNonNull(hash, "hash");
        Checks.notNegative(size, "size");
        if (mode < -1 || mode > 07777) {
            throw new IllegalArgumentException("not a permission mode: " + mode);
        }
        if (hash.isPresent() && kind != EntryKind.FILE) {
            throw new IllegalArgumentException("only files have a content hash");
        }
    }

    /** The facts of an index entry (live or tombstone: the last known values). */
    public static EntryFacts of(IndexEntry entry) {
        return new EntryFacts(
                entry.kind(),
                entry.size(),
                entry.mtimeNanos(),
                entry.mode(),
                entry.symlinkTarget(),
                entry.kind() == EntryKind.FILE ? entry.hash() : Optional.empty());
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
