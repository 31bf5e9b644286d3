package org.filesync.index.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.filesync.api.path.EntryKind;

/**
 * The hashes of files moved or renamed inside a location, for one scan or one batch of paths (used
 * by the one thread that holds the location): a regular file new at its path (no row there, a
 * tombstone, or the row of another inode) takes the hash of the location's rows, live or
 * tombstones, of a file with its inode, size and mtime in nanoseconds, a hash and no error — the
 * comparison under which a rescan keeps a stored hash — when they agree on one hash. A match loads
 * the file rows of the directory it came from (its old path less what the move left unchanged),
 * so that the rest of a moved directory matches in memory; after {@link #MISSES_IN_A_ROW} lookups
 * without a match (files new to the location, not moved) it stops asking the database.
 */
final class MovedFiles {

    /** Database lookups without a match after which the files met are taken for new ones. */
    static final int MISSES_IN_A_ROW = 64;

    /** At most this many rows are loaded from the directories moved files came from. */
    static final int MAX_LOADED = 200_000;

    /** What decides whether a stored hash holds, but the inode (the key it is kept under). */
    private record Known(long size, long mtime, String hash) {}

    private final EntryStore store;
    private final int location;
    private final boolean enabled;
    private final Map<Long, Known> loaded = new HashMap<>();
    /** Inodes with more than one loaded row: the database decides for them. */
    private final Set<Long> repeated = new HashSet<>();

    private final Set<String> loadedDirectories = new HashSet<>();
    private int misses;

    /**
     * @param enabled false when no file can have been moved from a row (a first scan) or every
     *     file is hashed anyway (a deep rescan): nothing is looked up
     */
    MovedFiles(EntryStore store, int location, boolean enabled) {
        this.store = store;
        this.location = location;
        this.enabled = enabled;
    }

    /**
     * The found facts with the hash of the entry the file was moved from, if it may have been
     * moved ({@code stored} is the row at its path, or null) and exactly one hash is known for its
     * inode, size and mtime; empty otherwise, and the file is to be hashed.
     */
    Optional<Row> hashed(Row found, Row stored) {
        if (!enabled
                || found.kind() != EntryKind.FILE
                || found.error() != null
                || found.inode() <= 0
                || (stored != null && stored.live() && stored.inode() == found.inode())) {
            return Optional.empty(); // a file whose row has its inode is hashed as it always was
        }
        Known known = loaded.get(found.inode());
        if (known != null && !repeated.contains(found.inode())) {
            return known.size() == found.size() && known.mtime() == found.mtime()
                    ? Optional.of(found.withHash(known.hash()))
                    : Optional.empty();
        }
        if (misses >= MISSES_IN_A_ROW) {
            return Optional.empty();
        }
        List<Row> matches = store.filesWithInode(location, found.inode()).stream()
                .filter(r -> holds(r, found))
                .toList();
        if (matches.isEmpty() || matches.stream().map(Row::hash).distinct().count() != 1) {
            misses++; // none, or the same facts held different content: nothing is trusted
            return Optional.empty();
        }
        misses = 0;
        load(movedFrom(matches.get(0).path(), found.path()));
        return Optional.of(found.withHash(matches.get(0).hash()));
    }

    private static boolean holds(Row r, Row found) {
        return r.hash() != null && r.error() == null && r.size() == found.size() && r.mtime() == found.mtime();
    }

    /**
     * The directory a file at {@code to} came from at {@code from}: {@code from} less the path
     * segments at its end that the move left unchanged, at least its name ({@code a/d/f} to
     * {@code b/d/f}: {@code a}; {@code x/f} to {@code y/g}: {@code x}; {@code ""} for the root).
     */
    static String movedFrom(String from, String to) {
        String[] old = from.split("/");
        String[] now = to.split("/");
        int same = 0;
        while (same < old.length - 1
                && same < now.length - 1
                && old[old.length - 1 - same].equals(now[now.length - 1 - same])) {
            same++;
        }
        return String.join("/", List.of(old).subList(0, old.length - Math.max(same, 1)));
    }

    private void load(String dir) {
        if (loaded.size() >= MAX_LOADED || loadedDirectories.stream().anyMatch(d -> within(dir, d))) {
            return;
        }
        loadedDirectories.add(dir);
        try (Stream<Row> rows = store.rows(location, dir, false, false)) {
            rows.filter(r -> r.kind() == EntryKind.FILE && r.hash() != null && r.error() == null && r.inode() > 0)
                    .limit(MAX_LOADED - loaded.size())
                    .forEach(r -> {
                        if (loaded.putIfAbsent(r.inode(), new Known(r.size(), r.mtime(), r.hash())) != null) {
                            repeated.add(r.inode());
                        }
                    });
        }
    }

    private static boolean within(String dir, String ancestor) {
        return ancestor.isEmpty() || dir.equals(ancestor) || dir.startsWith(ancestor + "/");
    }
}
