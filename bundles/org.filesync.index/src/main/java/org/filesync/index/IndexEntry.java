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
 * @param facts kind, size, mtime, mode, link text and content hash: the hash of a file is empty for
 *     tombstones, for files that could not be read and for files the location's users all ignore
 *     (see {@link FileIndex#prune})
 * @param inode the inode number, or -1 where unknown
 * @param sequence the location's change sequence number of the last insert, update or delete of
 *     this entry
 * @param deleted whether this is a tombstone: the path existed and was deleted; the facts then keep
 *     their last known values
 * @param error why the path could not be fully read (e.g. permission denied), if it could not
 */
public record IndexEntry(
        String path, EntryFacts facts, long inode, long sequence, boolean deleted, Optional<String> error) {

    /** The total order of entries in every stream of the index: see the package documentation. */
    public static final Comparator<IndexEntry> PATH_ORDER = Comparator.comparing(IndexEntry::path);

    public IndexEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(error, "error");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("not a relative path: '" + path + "'");
        }
    }

    /** File, directory, symlink or other. */
    public EntryKind kind() {
        return facts.kind();
    }

    /** The size in bytes (0 for directories; the link text length for symlinks). */
    public long size() {
        return facts.size();
    }

    /** The modification time in nanoseconds since the epoch, as precise as the filesystem keeps it. */
    public long mtimeNanos() {
        return facts.mtimeNanos();
    }

    /** The POSIX permission bits ({@code 0644} …), or -1 where unknown. */
    public int mode() {
        return facts.mode();
    }

    /** The link text, for symlinks only. */
    public Optional<String> symlinkTarget() {
        return facts.symlinkTarget();
    }

    /** The content hash of a file, lower-case hex of {@link EntryFacts#HASH_ALGORITHM}, when known. */
    public Optional<String> hash() {
        return facts.hash();
    }

    /** The permission bits as a set (empty where unknown). */
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        if (mode() < 0) {
            return Set.copyOf(set);
        }
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
        for (int i = 0; i < all.length; i++) {
            if ((mode() & (1 << (8 - i))) != 0) {
                set.add(all[i]);
            }
        }
        return Set.copyOf(set);
    }

    /** The last name of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
