package org.filesync.resolver.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexException;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;

/**
 * An in-memory {@link FileIndex} for unit tests: locations are sorted maps of entries with a change
 * sequence per location and tombstones, mutated directly by the tests.
 */
public final class MemoryIndex implements FileIndex {

    public static final long DEFAULT_MTIME_MS = 1_700_000_000_000L;

    private static final class Location {
        final TreeMap<String, IndexEntry> entries = new TreeMap<>();
        long sequence;
        String state = IndexedLocation.SETTLED;
    }

    private final Map<Path, Location> locations = new HashMap<>();
    /** Entries returned by {@link #entries} (full or subtree streams), to prove what incremental reads. */
    public final AtomicLong streamed = new AtomicLong();
    /** Calls of {@link #entries}. */
    public final AtomicLong entryStreams = new AtomicLong();

    public MemoryIndex add(Path root) {
        locations.put(root, new Location());
        return this;
    }

    public void state(Path root, String state) {
        loc(root).state = state;
    }

    // ---- mutations -------------------------------------------------------------------------

    public void file(Path root, String path, String content) {
        file(root, path, content, DEFAULT_MTIME_MS, 0644);
    }

    public void file(Path root, String path, String content, long mtimeMillis, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        put(root, entry(path, EntryKind.FILE, bytes.length, mtimeMillis, mode, null, hash(bytes), null));
    }

    public void dir(Path root, String path) {
        dir(root, path, DEFAULT_MTIME_MS, 0755);
    }

    public void dir(Path root, String path, long mtimeMillis, int mode) {
        put(root, entry(path, EntryKind.DIRECTORY, 0, mtimeMillis, mode, null, null, null));
    }

    public void symlink(Path root, String path, String target) {
        put(root, entry(path, EntryKind.SYMLINK, target.length(), DEFAULT_MTIME_MS, 0777, target, null, null));
    }

    public void special(Path root, String path) {
        put(root, entry(path, EntryKind.OTHER, 0, DEFAULT_MTIME_MS, 0644, null, null, null));
    }

    public void unreadable(Path root, String path, EntryKind kind) {
        put(root, entry(path, kind, 0, DEFAULT_MTIME_MS, 0, null, null, "permission denied"));
    }

    /** Stores an entry (live) with the location's next sequence number. */
    public void put(Path root, IndexEntry e) {
        Location loc = loc(root);
        loc.entries.put(e.path(), withSequence(e, ++loc.sequence, false));
    }

    /** Deletes a path and everything under it (tombstones). */
    public void remove(Path root, String path) {
        Location loc = loc(root);
        List<IndexEntry> doomed = new ArrayList<>();
        for (IndexEntry e : loc.entries.tailMap(path, true).values()) {
            if (e.path().equals(path) || e.path().startsWith(path + "/")) {
                if (!e.deleted()) {
                    doomed.add(e);
                }
            } else if (!e.path().startsWith(path)) {
                break;
            }
        }
        for (IndexEntry e : doomed) {
            loc.entries.put(e.path(), withSequence(e, ++loc.sequence, true));
        }
    }

    public Optional<IndexEntry> live(Path root, String path) {
        return Optional.ofNullable(loc(root).entries.get(path)).filter(e -> !e.deleted());
    }

    public boolean hasLiveChildren(Path root, String path) {
        return loc(root).entries.tailMap(path + "/", true).values().stream()
                .takeWhile(e -> e.path().startsWith(path + "/"))
                .anyMatch(e -> !e.deleted());
    }

    public List<IndexEntry> liveEntries(Path root) {
        return loc(root).entries.values().stream().filter(e -> !e.deleted()).toList();
    }

    public static IndexEntry entry(
            String path,
            EntryKind kind,
            long size,
            long mtimeMillis,
            int mode,
            String link,
            String hash,
            String error) {
        return new IndexEntry(
                path,
                new EntryFacts(
                        kind,
                        size,
                        mtimeMillis * 1_000_000L,
                        mode,
                        Optional.ofNullable(link),
                        Optional.ofNullable(hash)),
                -1,
                0,
                false,
                Optional.ofNullable(error));
    }

    public static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IndexEntry withSequence(IndexEntry e, long sequence, boolean deleted) {
        return new IndexEntry(e.path(), e.facts(), e.inode(), sequence, deleted, e.error());
    }

    private Location loc(Path root) {
        Location loc = locations.get(root);
        if (loc == null) {
            throw new IndexException("Not an indexed location: " + root);
        }
        return loc;
    }

    private static boolean under(String path, String prefix) {
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
    }

    // ---- FileIndex -------------------------------------------------------------------------

    @Override
    public IndexedLocation register(Path path, Collection<IgnoreRules> prune) {
        add(path);
        return location(path).orElseThrow();
    }

    @Override
    public void prune(Path root, Collection<IgnoreRules> ruleSets) {
        throw new UnsupportedOperationException("not pruned here");
    }

    @Override
    public List<IgnoreRules> pruning(Path root) {
        return List.of();
    }

    @Override
    public boolean unregister(Path root) {
        return locations.remove(root) != null;
    }

    @Override
    public List<IndexedLocation> locations() {
        return locations.keySet().stream()
                .sorted()
                .map(r -> location(r).orElseThrow())
                .toList();
    }

    @Override
    public Optional<IndexedLocation> location(Path root) {
        Location loc = locations.get(root);
        if (loc == null) {
            return Optional.empty();
        }
        long live = loc.entries.values().stream().filter(e -> !e.deleted()).count();
        return Optional.of(new IndexedLocation(root, loc.state, live, Optional.empty(), loc.sequence));
    }

    @Override
    public Optional<LocatedPath> locate(Path path) {
        return locations.keySet().stream()
                .filter(path::startsWith)
                .max(Comparator.comparingInt(Path::getNameCount))
                .map(r -> new LocatedPath(
                        location(r).orElseThrow(), r.relativize(path).toString()));
    }

    @Override
    public Optional<IndexEntry> entry(Path root, String relativePath) {
        return Optional.ofNullable(loc(root).entries.get(relativePath));
    }

    @Override
    public Stream<IndexEntry> entries(Path root, String prefix) {
        entryStreams.incrementAndGet();
        List<IndexEntry> copy = new ArrayList<>(loc(root).entries.values());
        return copy.stream()
                .filter(e -> !e.deleted() && under(e.path(), prefix))
                .peek(e -> streamed.incrementAndGet());
    }

    @Override
    public Stream<IndexEntry> changesSince(Path root, String prefix, long afterSequence) {
        List<IndexEntry> copy = new ArrayList<>(loc(root).entries.values());
        return copy.stream()
                .filter(e -> e.sequence() > afterSequence && under(e.path(), prefix))
                .sorted(Comparator.comparingLong(IndexEntry::sequence));
    }

    @Override
    public void rescan(Path path, boolean deep) {}

    @Override
    public boolean cancelScans(Path root) {
        return false;
    }

    @Override
    public IndexStatus status(Path root) {
        return new IndexStatus(root, 0, 0, 0, loc(root).sequence, null);
    }

    @Override
    public void flushEvents(Path root) {}

    @Override
    public IndexStatus awaitSettled(Path root, Duration timeout) {
        return status(root);
    }
}
