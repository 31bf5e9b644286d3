package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.filesync.api.path.EntryKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan of a {@link Scanner} in progress: the stat walk with its listing errors (phase 1), then
 * the comparison with the stored rows, files hashed on the hash pool with a bounded number in
 * flight, and the differences written, tombstones for what is gone (phase 2). Used by the scan
 * thread alone.
 */
final class ScanWalk {

    /** Logs as the scanner, whose part it is. */
    private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);

    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /** A file's hash result on its way from the hash pool to the scan thread, with the row stored before. */
    private record HashResult(StableHasher.Hashed hashed, Row stored) {}

    private final FileFacts facts;
    private final StableHasher hasher;
    private final ExecutorService hashPool;
    private final Consumer<Path> watchDirectory;

    final LocationRuntime loc;
    final boolean deep;
    final Batch batch;
    final BooleanSupplier cancelled;
    final CompletableFuture<Map<String, Row>> stored;
    /**
     * The hashes of files moved within the location: not looked for in a deep scan (it hashes
     * everything), nor in a location that had no entry when the scan began.
     */
    final MovedFiles moved;

    final Deque<Path> dirs = new ArrayDeque<>();
    final List<Path> foundPaths = new ArrayList<>();
    final List<Row> foundRows = new ArrayList<>();
    final Map<String, String> listingErrors = new HashMap<>();
    final Set<String> unreadable = new HashSet<>();
    // enough files in flight that hashing goes on while the scan thread writes a batch
    final Semaphore permits;
    final BlockingQueue<HashResult> hashed = new LinkedBlockingQueue<>();
    Map<String, Row> known;
    /** Found rows before this index were looked at by {@link #visitFound} (directories excepted). */
    int visitedUpTo;

    int outstanding;
    long hashedFiles;
    long hashedBytes;
    long nextProgress = System.nanoTime() + PROGRESS_NANOS;

    ScanWalk(
            EntryStore store,
            FileFacts facts,
            StableHasher hasher,
            ExecutorService hashPool,
            int hashThreads,
            Consumer<Path> watchDirectory,
            LocationRuntime loc,
            boolean deep,
            Batch batch,
            BooleanSupplier cancelled,
            CompletableFuture<Map<String, Row>> stored) {
        this.facts = facts;
        this.hasher = hasher;
        this.hashPool = hashPool;
        this.permits = new Semaphore(hashThreads * 64);
        this.watchDirectory = watchDirectory;
        this.loc = loc;
        this.deep = deep;
        this.batch = batch;
        this.cancelled = cancelled;
        this.stored = stored;
        this.moved = new MovedFiles(store, loc.id, !deep && loc.sequence.get() > 0);
    }

    void found(Path path, Row f) {
        if (f.path().length() > PathKey.MAX_PATH_LENGTH) {
            LOG.warn("not indexed, path longer than {} characters: {}", PathKey.MAX_PATH_LENGTH, path);
            return;
        }
        foundPaths.add(path);
        foundRows.add(f);
        loc.scanned.incrementAndGet();
        if (f.kind() == EntryKind.DIRECTORY
                && f.error() == null
                && (f.path().isEmpty() || !loc.pruning.prunes(f.path(), true))) {
            dirs.push(path); // a pruned directory is one entry: neither listed nor watched
        }
    }

    /** Phase 1: the stat walk. */
    boolean collect() {
        return unlessCancelled(() -> {
            while (!dirs.isEmpty()) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                list(dirs.pop());
                visitFound();
            }
            return true;
        });
    }

    /** Once the stored rows are in, compares (and hashes) what the walk found so far, but directories. */
    private void visitFound() throws InterruptedException {
        if (known == null) {
            if (!stored.isDone() || stored.isCompletedExceptionally()) {
                return;
            }
            known = stored.join();
        }
        for (; visitedUpTo < foundRows.size(); visitedUpTo++) {
            Row f = foundRows.get(visitedUpTo);
            if (f.kind() != EntryKind.DIRECTORY) {
                visit(foundPaths.get(visitedUpTo), f);
                foundPaths.set(visitedUpTo, null);
                foundRows.set(visitedUpTo, null);
            }
        }
        drain();
    }

    /** Phase 2: compare with the stored rows, hash, write, tombstone what is gone. */
    boolean compare() {
        boolean complete = unlessCancelled(() -> {
            for (int i = 0; i < foundPaths.size(); i++) {
                if ((i & 1023) == 0) {
                    if (cancelled.getAsBoolean()) {
                        return false;
                    }
                    drain();
                    progress();
                }
                Row f = foundRows.get(i);
                if (f != null) {
                    visit(foundPaths.get(i), f);
                }
                foundPaths.set(i, null);
                foundRows.set(i, null);
            }
            return awaitHashes();
        });
        if (!complete) {
            return false;
        }
        if (listingErrors.containsKey("")) {
            unreadable.add(""); // a subtree scan's start is the root: keep everything
        }
        for (Row old : known.values()) {
            if (old.live() && !underUnreadable(old.path())) {
                batch.delete(old);
            }
        }
        batch.flush();
        return true;
    }

    /** Runs a phase; false if it was cancelled or interrupted (hashes still in flight are abandoned). */
    private boolean unlessCancelled(Phase phase) {
        try {
            return phase.run();
        } catch (CancellationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void list(Path dir) {
        String rel = loc.relativize(dir);
        watchDirectory.accept(dir);
        Set<String> undecodable = null;
        try (DirectoryStream<Path> children = facts.list(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (Scanner.SKIPPED.equals(name)) {
                    continue;
                }
                if (name.indexOf('\uFFFD') >= 0) {
                    // a name that is not valid in the file name encoding: two such names may
                    // read as the same string, and only one of them can be indexed
                    undecodable = undecodable == null ? new HashSet<>() : undecodable;
                    if (!undecodable.add(name)) {
                        LOG.warn("not indexed, name not decodable and not unique: {}", child);
                        continue;
                    }
                }
                String childRel = rel.isEmpty() ? name : rel + "/" + name;
                Row f;
                try {
                    f = facts.read(child, childRel);
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    f = Row.failed(childRel, EntryKind.OTHER, FileFacts.reason(e));
                }
                found(child, f);
            }
        } catch (NoSuchFileException e) {
            // vanished while scanning: its stored rows become tombstones
            LOG.debug("{} vanished during the scan", dir);
        } catch (IOException e) {
            listingErrors.put(rel, FileFacts.reason(e));
            LOG.debug("cannot list {}: {}", dir, e.toString());
        }
    }

    void visit(Path path, Row f) throws InterruptedException {
        String rel = f.path();
        Row old = known.remove(rel);
        if (f.error() != null && old != null && f.kind() == EntryKind.OTHER) {
            f = Row.failed(rel, old.kind(), f.error()); // could not even stat it: keep its kind
        }
        String listingError = listingErrors.get(rel);
        if (listingError != null) {
            f = f.withError(listingError);
        }
        if (f.error() != null) {
            batch.put(f, old);
            if (f.kind() == EntryKind.DIRECTORY || (old != null && old.kind() == EntryKind.DIRECTORY)) {
                unreadable.add(rel);
            }
            return;
        }
        switch (f.kind()) {
            case DIRECTORY:
                batch.put(f, old);
                break;
            case FILE:
                if (loc.pruning.prunes(rel, false)) {
                    batch.put(StableHasher.unhashed(f, old), old);
                } else if (!deep && StableHasher.storedHashHolds(f, old)) {
                    batch.put(f.withHash(old.hash()), old);
                } else {
                    // the copy's hash while its witness holds, else the hash of the entry it was moved from
                    Optional<Row> known = deep ? Optional.empty() : hasher.written(path, f);
                    known = known.isPresent() ? known : moved.hashed(f, old);
                    if (known.isPresent()) {
                        batch.put(known.get(), old);
                    } else {
                        submitHash(path, f, old);
                    }
                }
                break;
            default:
                batch.put(f, old);
        }
    }

    private void submitHash(Path path, Row f, Row old) throws InterruptedException {
        // while every permit is taken, take in results (each frees one), and stay cancellable
        // even if hashing hangs (a stalled file system)
        while (!permits.tryAcquire()) {
            if (!takeResult()) {
                throw new CancellationException("scan cancelled");
            }
        }
        outstanding++;
        try {
            hashPool.execute(() -> {
                HashResult result;
                try {
                    result = new HashResult(hasher.hash(path, f), old);
                } catch (RuntimeException e) {
                    result = new HashResult(new StableHasher.Hashed(f.withError(e.toString()), false), old);
                } finally {
                    permits.release();
                }
                hashed.add(result);
            });
        } catch (RuntimeException e) {
            permits.release();
            outstanding--;
            throw new CancellationException("hash pool closed");
        }
    }

    /** Applies the hash results that are ready. */
    private void drain() {
        for (HashResult r = hashed.poll(); r != null; r = hashed.poll()) {
            apply(r);
        }
    }

    /** Waits for one result (or returns false if cancelled meanwhile). */
    private boolean takeResult() throws InterruptedException {
        while (true) {
            HashResult r = hashed.poll(100, TimeUnit.MILLISECONDS);
            if (r != null) {
                apply(r);
                return true;
            }
            if (cancelled.getAsBoolean()) {
                return false;
            }
        }
    }

    /** Waits for every outstanding hash; false if cancelled meanwhile. */
    private boolean awaitHashes() throws InterruptedException {
        drain();
        while (outstanding > 0) {
            if (!takeResult()) {
                return false;
            }
        }
        return true;
    }

    private void apply(HashResult r) {
        outstanding--;
        StableHasher.Hashed h = r.hashed();
        Row old = r.stored();
        if (h.row() == null) {
            batch.delete(old);
        } else {
            if (h.row().hash() != null) {
                hashedFiles++;
                hashedBytes += h.row().size();
            }
            batch.put(h.row(), old);
        }
    }

    private boolean underUnreadable(String path) {
        if (unreadable.isEmpty()) {
            return false;
        }
        if (unreadable.contains("")) {
            return true;
        }
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            if (unreadable.contains(path.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    private void progress() {
        long now = System.nanoTime();
        if (now >= nextProgress) {
            nextProgress = now + PROGRESS_NANOS;
            LOG.info(
                    "scanning {}: {} paths, {} files hashed ({} MB)",
                    loc.root,
                    loc.scanned.get(),
                    hashedFiles,
                    hashedBytes >> 20);
        }
    }

    /** A step of a scan that can be cancelled; returns false if it was. */
    @FunctionalInterface
    private interface Phase {
        boolean run() throws InterruptedException;
    }
}
