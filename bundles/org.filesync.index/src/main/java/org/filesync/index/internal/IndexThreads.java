package org.filesync.index.internal;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index's named threads, created together and stopped together: the scan thread, the hash
 * pool, the watcher, the event thread and its pool for several locations, the change-feed notifier
 * and the timer of the safety rescans.
 */
final class IndexThreads {

    private static final Logger LOG = LoggerFactory.getLogger(IndexThreads.class);

    final ExecutorService scan;
    final ExecutorService hash;
    final ExecutorService watch;
    final ExecutorService events;
    /** Applies the events of several locations at once (a sync writes into both ends of a conduit). */
    final ExecutorService eventLocations;

    final ExecutorService notify;
    final ScheduledExecutorService timer;

    private volatile boolean stopping;

    IndexThreads(int hashThreads) {
        this.scan = Executors.newSingleThreadExecutor(named("filesync-index-scan"));
        this.hash = Executors.newFixedThreadPool(hashThreads, named("filesync-index-hash"));
        this.watch = Executors.newSingleThreadExecutor(named("filesync-index-watch"));
        this.events = Executors.newSingleThreadExecutor(named("filesync-index-apply"));
        this.eventLocations = Executors.newFixedThreadPool(hashThreads, named("filesync-index-apply-location"));
        this.notify = Executors.newSingleThreadExecutor(named("filesync-index-notify"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("filesync-index-timer"));
    }

    /** Resizes the pools that follow the number of hash threads. */
    void resize(int hashThreads) {
        resize(hash, hashThreads);
        resize(eventLocations, hashThreads);
    }

    private static void resize(ExecutorService pool, int threads) {
        ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;
        if (threads > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(threads);
            executor.setCorePoolSize(threads);
        } else {
            executor.setCorePoolSize(threads);
            executor.setMaximumPoolSize(threads);
        }
    }

    /** Whether work on a location should end: the index stops, the location is gone, or the thread was interrupted. */
    boolean cancelled(LocationRuntime loc) {
        return stopping || loc.closed() || Thread.currentThread().isInterrupted();
    }

    boolean stopping() {
        return stopping;
    }

    /** Tells work in progress to end; {@link #stop} then ends the threads. */
    void beginStop() {
        stopping = true;
    }

    /** Interrupts every thread and waits up to 10 s each for those that write to end. */
    void stop() {
        stopping = true;
        for (ExecutorService e : List.of(timer, scan, hash, events, eventLocations, watch, notify)) {
            e.shutdownNow();
        }
        try {
            for (ExecutorService e : List.of(scan, hash, events, eventLocations, notify)) {
                if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("index threads did not stop within 10 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("{} died", th.getName(), e));
            return t;
        };
    }
}
