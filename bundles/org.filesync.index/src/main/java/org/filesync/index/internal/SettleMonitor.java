package org.filesync.index.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.filesync.index.IndexStatus;

/**
 * The settle monitor: signalled whenever something an {@link IndexStatus} reports may have
 * changed, it waits until a location is settled, behind a watcher barrier so that the events of
 * changes made just before the wait are counted.
 */
final class SettleMonitor {

    /** How long a wait for a barrier event lasts at most (lost only after an overflow). */
    private static final long BARRIER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long {@link #await} waits at least when it has no barrier, for events to arrive. */
    private static final long EVENT_LATENCY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final long SETTLE_POLL_MILLIS = 50;

    /** Waits until the events queued before the call were reported; false if it cannot tell in time. */
    @FunctionalInterface
    interface Barrier {
        boolean await(long timeoutNanos) throws InterruptedException;
    }

    private final Object settle = new Object();
    private final Barrier barrier;

    SettleMonitor(Barrier barrier) {
        this.barrier = barrier;
    }

    /** Wakes the waiters to look at the status again. */
    void signal() {
        synchronized (settle) {
            settle.notifyAll();
        }
    }

    /** Waits until the events queued before the call were reported, at most two seconds; false if not seen. */
    boolean awaitEventsReported() throws InterruptedException {
        return barrier.await(BARRIER_TIMEOUT_NANOS);
    }

    /** Waits until {@code status} reports settled or the timeout passes, and returns the last status. */
    IndexStatus await(Supplier<IndexStatus> status, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        // events of changes made just before the call may still be on their way from the kernel:
        // wait for a barrier event behind them, or (without one) a moment
        long earliest = start;
        if (!barrier.await(Math.min(timeout.toNanos(), BARRIER_TIMEOUT_NANOS))) {
            earliest = start + Math.min(timeout.toNanos(), EVENT_LATENCY_NANOS);
        }
        while (true) {
            IndexStatus st = status.get();
            long now = System.nanoTime();
            long left = deadline - now;
            if ((st.settled() && now - earliest >= 0) || left <= 0) {
                return st;
            }
            synchronized (settle) {
                long wait = st.settled()
                        ? earliest - now
                        : Math.min(TimeUnit.MILLISECONDS.toNanos(SETTLE_POLL_MILLIS), left);
                settle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            }
        }
    }
}
