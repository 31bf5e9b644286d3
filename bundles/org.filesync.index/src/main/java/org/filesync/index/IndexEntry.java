package org.filesync.index;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;

/**
 * One indexed path of a location, as last seen, or its tombstone.
 *
 * @param path the path relative to the location root ({@code /}-separated, never empty)
 * @param kind file, directory, symlink or other
 * @param size the size in bytes (0 for directories; the link text length for symlinks)
 * @param mtimeNanos the modification time in nanoseconds since the epoch, as precise as the
 *     filesystem keeps it
 * @param mode the POSIX permission bits ({@code 0644} …), or -1 where unknown
 * @param symlinkTarget the link text, for symlinks only
 * @param inode the inode number, or -1 where unknown
 * @param hash the content hash of a file, lower-case hex of {@link EntryFacts#HASH_ALGORITHM}; empty for
 *     other kinds, for tombstones, for files that could not be read and for files the location's
 *     users all ignore (see {@link FileIndex#prune})
 * @param sequence the location's change sequence number of the last insert, update or delete of
 *     this entry
 * @param deleted whether this is a tombstone: the path existed and was deleted; the other fields
 *     then keep their last known values
 * @param error why the path could not be fully read (e.g. permission denied), if it could not
 */
public record IndexEntry(
        String path,
        EntryKind kind,
        long size,
        long mtimeNanos,
        int mode,
        Optional<String> symlinkTarget,
        long inode,
        Optional<String> hash,
        long sequence,
        boolean deleted,
        Optional<String> error) {

    /** The content hash algorithm, as named by {@link java.security.MessageDigest}. */
    public static final String HASH_ALGORITHM = EntryFacts.HASH_ALGORITHM;

    /** The total order of entries in every stream of the index: see the package documentation. */
    public static final Comparator<IndexEntry> PATH_ORDER = Comparator.comparing(IndexEntry::path);

    public IndexEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symlinkTarget, "symlinkTarget");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(error, "error");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("not a relative path: '" + path + "'");
        }
    }

    /** The permission bits as a set (empty where unknown). */
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        if (mode < 0) {
            return Set.copyOf(set);
        }
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(all[i]);
            }
        }
        return Set.copyOf(set);
    }

    /** The facts of this entry (live or tombstone: the last known values); only a file keeps its hash. */
    public EntryFacts facts() {
        return new EntryFacts(
                kind, size, mtimeNanos, mode, symlinkTarget, kind == EntryKind.FILE ? hash : Optional.empty());
    }

    /** The last name of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
