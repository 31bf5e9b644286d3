package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Path application: turns paths that settled (watcher events past their quiet time, the paths a
 * rescan lists) into index rows: their facts, their hash when it may have changed, tombstones for
 * what is gone with everything under it, a subtree scan for a new or replaced directory, and the
 * refreshed facts of their parent directories.
 */
final class PathApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PathApplier.class);

    private final EntryStore store;
    private final FileFacts facts;
    private final StableHasher hasher;
    private final Scanner scanner;
    private final Watcher watcher;
    private final Locations locations;
    private final EventDebouncer debouncer;
    private final IndexThreads threads;
    private final Function<LocationRuntime, Batch> batches;

    PathApplier(
            EntryStore store,
            FileFacts facts,
            StableHasher hasher,
            Scanner scanner,
            Watcher watcher,
            Locations locations,
            EventDebouncer debouncer,
            IndexThreads threads,
            Function<LocationRuntime, Batch> batches) {
        this.store = store;
        this.facts = facts;
        this.hasher = hasher;
        this.scanner = scanner;
        this.watcher = watcher;
        this.locations = locations;
        this.debouncer = debouncer;
        this.threads = threads;
        this.batches = batches;
    }

    /** Applies due watcher events; the events of different locations in parallel (each holds its own lock). */
    void applyEvents(List<Path> due) throws InterruptedException {
        Map<LocationRuntime, List<Path>> byLocation = new HashMap<>();
        for (Path p : due) {
            for (LocationRuntime loc : locations.containing(p)) {
                byLocation.computeIfAbsent(loc, l -> new ArrayList<>()).add(p);
            }
        }
        if (byLocation.size() <= 1) {
            byLocation.forEach(this::applyEvents);
            return;
        }
        List<Callable<Void>> work = new ArrayList<>();
        byLocation.forEach((loc, paths) -> work.add(() -> {
            applyEvents(loc, paths);
            return null;
        }));
        threads.eventLocations.invokeAll(work);
    }

    private void applyEvents(LocationRuntime loc, List<Path> paths) {
        if (loc.closed()) {
            return;
        }
        if (!loc.lock.tryLock()) {
            paths.forEach(debouncer::offer); // a scan holds the location: try again later
            return;
        }
        try {
            long start = System.nanoTime();
            List<String> rels = new ArrayList<>();
            for (Path p : paths) {
                rels.add(loc.relativize(p));
            }
            applyPaths(loc, rels, true);
            LOG.debug(
                    "location {}: {} file events applied in {} ms",
                    loc.root,
                    paths.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IndexException ex) {
            // the database is unreachable (a server restarted, a network cut): the events stay
            // pending, so that the index neither loses them nor reports the location settled
            LOG.warn(
                    "location {}: applying {} file events failed, retrying in {} s: {}",
                    loc.root,
                    paths.size(),
                    EventDebouncer.RETRY_DELAY.toSeconds(),
                    ex.getMessage());
            paths.forEach(debouncer::retryLater);
        } catch (RuntimeException ex) {
            LOG.warn("location {}: applying file events failed: {}", loc.root, ex.toString(), ex);
        } finally {
            loc.lock.unlock();
        }
    }

    /**
     * Looks at each path as an event for it asks: its facts, its hash (always with {@code
     * alwaysHash}, else only when size, mtime or inode changed; the copy's hash when the file's
     * witness is the one the copy recorded; the hash of the entry a file new at its path was moved
     * from), a tombstone with everything under
     * it when it is gone, a whole scan when it is a new or replaced directory; then refreshes the
     * facts of the parent directories. The stored rows are read up front, on one connection. The
     * caller holds the location's lock.
     */
    void applyPaths(LocationRuntime loc, List<String> paths, boolean alwaysHash) {
        Batch batch = batches.apply(loc);
        List<String> rescanned = new ArrayList<>();
        Set<String> parents = new TreeSet<>();
        List<String> rels = new ArrayList<>(new TreeSet<>(paths));
        rels.removeIf(Scanner::insideSkipped);
        for (String rel : rels) {
            int slash = rel.lastIndexOf('/');
            if (slash > 0) {
                parents.add(rel.substring(0, slash));
            }
        }
        Set<String> lookups = new TreeSet<>(rels);
        lookups.addAll(parents);
        lookups.remove("");
        batch.prefetch(lookups);
        MovedFiles moved = new MovedFiles(store, loc.id, loc.sequence.get() > 0);
        for (String rel : rels) {
            if (covered(rescanned, rel)) {
                continue;
            }
            if (rel.isEmpty()) {
                try {
                    scanner.scan(loc, "", false, batch, () -> threads.cancelled(loc));
                    loc.setError(null);
                } catch (IndexException ex) {
                    loc.setError(ex.getMessage());
                    LOG.warn("location {}: {}", loc.root, ex.getMessage());
                }
                rescanned.add("");
                continue;
            }
            applyPath(loc, rel, batch, moved, rescanned, alwaysHash);
        }
        for (String dir : parents) {
            if (!covered(rescanned, dir)) {
                refreshDirectory(loc, dir, batch);
            }
        }
        batch.flush();
    }

    private void applyPath(
            LocationRuntime loc,
            String rel,
            Batch batch,
            MovedFiles moved,
            List<String> rescanned,
            boolean alwaysHash) {
        Pruning pruning = loc.pruning;
        if (pruning.prunesAbove(rel)) {
            return; // an event from a watch the pruning has not yet cancelled
        }
        Path path = loc.root.resolve(rel);
        Row old = batch.get(rel);
        Row f;
        try {
            f = facts.read(path, rel);
        } catch (NoSuchFileException e) {
            f = null;
        } catch (IOException e) {
            f = Row.failed(rel, old != null ? old.kind() : EntryKind.OTHER, FileFacts.reason(e));
        }
        if (f == null) {
            batch.delete(old);
            if (old == null || old.kind() == EntryKind.DIRECTORY) {
                deleteDescendants(loc, rel, batch);
                watcher.unwatchTree(path); // a file has no watch below it: no walk over every watched folder
            }
            return;
        }
        if (f.error() != null) {
            batch.put(f, old);
            return;
        }
        if (f.kind() == EntryKind.DIRECTORY) {
            if (old == null
                    || !old.live()
                    || old.kind() != EntryKind.DIRECTORY
                    || old.inode() != f.inode()
                    || old.error() != null) {
                scanner.scan(loc, rel, false, batch, () -> threads.cancelled(loc));
                rescanned.add(rel);
            } else {
                batch.put(f, old);
                if (!pruning.prunes(rel, true)) {
                    watcher.watch(path);
                }
            }
            return;
        }
        if (f.kind() == EntryKind.FILE && pruning.prunes(rel, false)) {
            f = StableHasher.unhashed(f, old);
        } else if (f.kind() == EntryKind.FILE && !alwaysHash && StableHasher.storedHashHolds(f, old)) {
            f = f.withHash(old.hash());
        } else if (f.kind() == EntryKind.FILE) {
            // the copy wrote it, and no one since (its witness is unchanged), or it was moved
            // within the location (an entry there or a tombstone has its inode, size and mtime)
            Row found = f;
            Optional<Row> known = hasher.written(path, found).or(() -> moved.hashed(found, old));
            if (known.isPresent()) {
                f = known.get();
            } else {
                StableHasher.Hashed h = hasher.hash(path, f); // else a write event always re-hashes
                if (h.row() == null) {
                    batch.delete(old);
                    return;
                }
                if (h.unstable()) {
                    debouncer.offer(path); // still being written: look again after the debounce window
                    return;
                }
                f = h.row();
            }
        }
        batch.put(f, old);
        if (old != null && old.live() && old.kind() == EntryKind.DIRECTORY) {
            deleteDescendants(loc, rel, batch);
            watcher.unwatchTree(path);
        }
    }

    private void deleteDescendants(LocationRuntime loc, String rel, Batch batch) {
        batch.flush();
        for (Row r : store.liveDescendants(loc.id, rel)) {
            batch.delete(r);
        }
    }

    /** Updates a directory's own facts (its mtime changes with its children). */
    private void refreshDirectory(LocationRuntime loc, String rel, Batch batch) {
        Row old = batch.get(rel);
        if (old == null || !old.live() || old.kind() != EntryKind.DIRECTORY) {
            return;
        }
        try {
            Row f = facts.read(loc.root.resolve(rel), rel);
            if (f.kind() == EntryKind.DIRECTORY && f.inode() == old.inode()) {
                batch.put(f.withError(old.error()), old);
            }
        } catch (IOException e) {
            LOG.debug("cannot refresh {}: {}", rel, e.toString());
        }
    }

    private static boolean covered(List<String> rescanned, String rel) {
        for (String dir : rescanned) {
            if (dir.isEmpty() || rel.equals(dir) || rel.startsWith(dir + "/")) {
                return true;
            }
        }
        return false;
    }
}
