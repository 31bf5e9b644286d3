package org.filesync.transfer.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.filesync.transfer.TransferReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads of one job ({@code filesync-<kind>-<job>}, e.g. {@code filesync-copy-…}): runs
 * a task for every index of a list, up to {@code parallel} at once; for a copy job, a step on every
 * pending item, a step's failure becoming that item's outcome. {@link #close} stops the threads.
 */
final class Workers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    /** One step of the job for one item; a failure fails the item, never the job. */
    interface Step {
        void apply(CopyWork w) throws ItemFailure, IOException, InterruptedException;
    }

    /** The work for the item at one index; it turns the item's own failures into its outcome. */
    interface Task {
        void run(int index) throws InterruptedException;
    }

    private final int threads;
    private final ExecutorService pool;

    Workers(int parallel, String kind, String jobId) {
        this.threads = parallel;
        this.pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "filesync-" + kind + "-" + jobId.substring(0, 8));
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code step} on every item of {@code items} without an outcome, and returns when all are through. */
    void forEachPending(List<CopyWork> items, Step step) throws InterruptedException {
        forEach(items.size(), i -> {
            CopyWork w = items.get(i);
            if (!w.pending()) {
                return;
            }
            try {
                step.apply(w);
            } catch (ItemFailure f) {
                w.fail(f.reason, f.getMessage());
            } catch (IOException e) {
                ItemFailure f = ItemFailure.of(e);
                w.fail(f.reason, f.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Unexpected error copying {}", w.item.target(), e);
                w.fail(TransferReasons.IO_ERROR, String.valueOf(e));
            }
        });
    }

    /**
     * Runs {@code task} for every index from 0 to {@code count - 1}, each once, and returns when all
     * are through. A worker interrupted stops taking indexes.
     */
    void forEach(int count, Task task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, count); t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    try {
                        task.run(i);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
