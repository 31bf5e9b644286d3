package org.filesync.index.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.filesync.index.IndexException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scan scheduling: scans queued on the scan thread (at start, on registration, after a pruning
 * change or lost events, and the periodic safety rescan) and rescans of listed paths on the
 * caller's thread, each under its location's lock and counted in the location's status while
 * queued or running; a scan can be cancelled by its location's epoch.
 */
final class ScanScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ScanScheduler.class);

    private final LocationStore store;
    private final Scanner scanner;
    private final PathApplier applier;
    private final Locations locations;
    private final IndexThreads threads;
    private final Function<LocationRuntime, Batch> batches;
    private final SettleMonitor settle;
    /** The periodic safety rescan, rescheduled when its period changes. */
    private ScheduledFuture<?> safetyRescans;

    ScanScheduler(
            LocationStore store,
            Scanner scanner,
            PathApplier applier,
            Locations locations,
            IndexThreads threads,
            Function<LocationRuntime, Batch> batches,
            SettleMonitor settle) {
        this.store = store;
        this.scanner = scanner;
        this.applier = applier;
        this.locations = locations;
        this.threads = threads;
        this.batches = batches;
        this.settle = settle;
    }

    /** Queues a scan of {@code prefix} ({@code ""} for the whole location); the future ends with it. */
    CompletableFuture<Void> submit(LocationRuntime loc, String prefix, boolean deep) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long epoch = loc.cancelEpoch.get();
        loc.scans.incrementAndGet();
        try {
            threads.scan.execute(() -> {
                try {
                    run(loc, prefix, deep, epoch);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                } finally {
                    loc.scans.decrementAndGet();
                    settle.signal();
                }
            });
        } catch (RejectedExecutionException e) {
            loc.scans.decrementAndGet();
            done.completeExceptionally(new IndexException("the index is stopping"));
        }
        settle.signal();
        return done;
    }

    /** Queues a scan of {@code rel} inside the location and waits for it; {@code p} names it in errors. */
    void scanAndWait(LocationRuntime loc, String rel, boolean deep, Path p) {
        try {
            submit(loc, rel, deep).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("rescan of " + p + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IndexException ie) {
                throw ie;
            }
            throw new IndexException("rescan of " + p + " failed: " + cause, cause);
        }
    }

    /** Rescans listed paths on the calling thread, so that rescans of different locations go on in parallel. */
    void rescanPaths(LocationRuntime loc, List<String> rels) {
        long epoch = loc.cancelEpoch.get();
        loc.scans.incrementAndGet();
        settle.signal();
        try {
            loc.lock.lockInterruptibly();
            try {
                if (loc.closed()) {
                    throw new IndexException("location " + loc.root + " was unregistered");
                }
                if (loc.cancelEpoch.get() != epoch) {
                    throw new IndexException("rescan of " + rels.size() + " paths in " + loc.root + " cancelled");
                }
                long t0 = System.nanoTime();
                applier.applyPaths(loc, rels, false);
                LOG.debug(
                        "rescanned {} paths in {}: {} ms",
                        rels.size(),
                        loc.root,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            } finally {
                loc.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("rescan of " + rels.size() + " paths in " + loc.root + " interrupted");
        } finally {
            loc.scans.decrementAndGet();
            settle.signal();
        }
    }

    /** Cancels the running and queued scans of a location; whether there were any. */
    boolean cancel(LocationRuntime loc) {
        boolean any = loc.scans.get() > 0;
        loc.cancelEpoch.incrementAndGet();
        settle.signal();
        return any;
    }

    /** Queues a full scan of every location. */
    void scanAll() {
        for (LocationRuntime loc : locations.all()) {
            submit(loc, "", false);
        }
    }

    /**
     * Events were lost (the kernel's or the JDK's queue overflowed, which the JDK reports on every
     * key at once): one full rescan of each affected location, however many overflows arrive
     * before it starts.
     */
    void eventsLost(Path dir) {
        for (LocationRuntime loc : locations.all()) {
            if (dir == null || loc.contains(dir) || loc.root.startsWith(dir)) {
                if (loc.fullRescanQueued.compareAndSet(false, true)) {
                    LOG.info("file events lost in {}: rescanning {}", dir, loc.root);
                    submit(loc, "", false);
                }
            }
        }
    }

    /** Runs the safety rescan of every location with this period from now on; zero stops it. */
    synchronized void scheduleSafetyRescans(Duration period) {
        if (safetyRescans != null) {
            safetyRescans.cancel(false);
            safetyRescans = null;
        }
        long millis = period.toMillis();
        if (millis > 0) {
            safetyRescans = threads.timer.scheduleWithFixedDelay(this::scanAll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void run(LocationRuntime loc, String prefix, boolean deep, long epoch) throws InterruptedException {
        if (loc.closed()) {
            return;
        }
        loc.lock.lockInterruptibly();
        try {
            if (loc.closed()) {
                return;
            }
            if (loc.cancelEpoch.get() != epoch) {
                throw new IndexException("scan of " + loc.root.resolve(prefix) + " cancelled");
            }
            if (prefix.isEmpty()) {
                loc.fullRescanQueued.set(false); // events lost from now on need another scan
            }
            long t0 = System.nanoTime();
            loc.scanned.set(0);
            Batch batch = batches.apply(loc);
            boolean complete;
            try {
                complete = scanner.scan(
                        loc, prefix, deep, batch, () -> threads.cancelled(loc) || loc.cancelEpoch.get() != epoch);
                batch.flush();
            } catch (IndexException e) {
                if (prefix.isEmpty()) {
                    loc.setError(e.getMessage());
                    LOG.warn("location {}: {}", loc.root, e.getMessage());
                }
                throw e;
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (!complete) {
                String what = "scan of " + loc.root.resolve(prefix) + " cancelled";
                LOG.info("{} after {} ms", what, ms);
                if (!threads.stopping() && !loc.closed()) {
                    // not settled until a full scan completes the work
                    loc.setError(what + "; rescan to complete the index");
                }
                throw new IndexException(what);
            }
            if (prefix.isEmpty()) {
                Instant now = Instant.now();
                loc.setError(null);
                store.setLastFullScan(loc.id, now.toEpochMilli());
                loc.fullScanDone(now);
                LOG.info(
                        "scanned {}{}: {} paths, {} changes written, {} ms",
                        loc.root,
                        deep ? " (deep)" : "",
                        loc.scanned.get(),
                        batch.written(),
                        ms);
            } else {
                LOG.debug("scanned {}: {} changes, {} ms", loc.root.resolve(prefix), batch.written(), ms);
            }
        } finally {
            loc.lock.unlock();
        }
    }
}
