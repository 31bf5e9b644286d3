package org.filesync.index.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event debouncing and retry: a watcher event makes its path due after the quiet time (a later
 * event for the same path pushes it back), a path whose write failed is due again after {@link
 * #RETRY_DELAY}; one thread hands the due paths, all that are due at once, to a handler.
 */
final class EventDebouncer {

    /** How long paths whose index write failed wait before they are applied again. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(EventDebouncer.class);

    /** Applies paths that are due. */
    @FunctionalInterface
    interface Handler {
        void apply(List<Path> due) throws InterruptedException;
    }

    /**
     * Guards {@link #pending}, {@link #inFlight} and {@link #wake}; notified when the loop has to
     * look at the pending paths before it would wake up by itself.
     */
    private final Object events = new Object();

    private final Map<Path, Long> pending = new LinkedHashMap<>();
    private final Set<Path> inFlight = new HashSet<>();
    /**
     * When the waiting loop wakes up by itself ({@link System#nanoTime}), or null while it waits for
     * a notification only (nothing pending) or is not waiting: a path due later than that need not
     * wake it, which spares it a look at every pending path per event of a burst.
     */
    private Long wake;

    private final Runnable afterBatch;
    private volatile Duration debounce;
    private volatile boolean closed;

    /**
     * @param debounce the quiet time after an event
     * @param afterBatch called after each batch of due paths was handled (or failed)
     */
    EventDebouncer(Duration debounce, Runnable afterBatch) {
        this.debounce = debounce;
        this.afterBatch = afterBatch;
    }

    /** The quiet time of the events from now on. */
    void debounce(Duration quietTime) {
        this.debounce = quietTime;
    }

    /** A path changed: due after the quiet time. */
    void offer(Path path) {
        offer(path, debounce);
    }

    /** A path's write failed: due again after {@link #RETRY_DELAY}. */
    void retryLater(Path path) {
        offer(path, RETRY_DELAY);
    }

    private void offer(Path path, Duration delay) {
        long due = System.nanoTime() + delay.toNanos();
        synchronized (events) {
            pending.put(path, due);
            if (wake == null || due - wake < 0) {
                events.notifyAll();
            }
        }
    }

    /** Makes the waiting paths that match due now. */
    void flush(Predicate<Path> which) {
        long now = System.nanoTime();
        synchronized (events) {
            pending.replaceAll((path, due) -> which.test(path) && due - now > 0 ? now : due);
            events.notifyAll();
        }
    }

    /** The paths that match and wait or are being applied. */
    int waiting(Predicate<Path> which) {
        int n = 0;
        synchronized (events) {
            for (Path p : pending.keySet()) {
                if (which.test(p)) {
                    n++;
                }
            }
            for (Path p : inFlight) {
                if (which.test(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Runs the loop that hands due paths to {@code handler} on {@code thread}, until {@link #stop}. */
    void start(Executor thread, Handler handler) {
        thread.execute(() -> loop(handler));
    }

    /** Ends the loop (the paths still waiting are dropped). */
    void stop() {
        closed = true;
        synchronized (events) {
            events.notifyAll();
        }
    }

    private void loop(Handler handler) {
        while (!closed) {
            List<Path> due = new ArrayList<>();
            try {
                synchronized (events) {
                    long now = System.nanoTime();
                    long next = Long.MAX_VALUE;
                    for (Iterator<Map.Entry<Path, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                        Map.Entry<Path, Long> e = it.next();
                        if (e.getValue() - now <= 0) {
                            due.add(e.getKey());
                            inFlight.add(e.getKey());
                            it.remove();
                        } else {
                            next = Math.min(next, e.getValue() - now);
                        }
                    }
                    if (due.isEmpty()) {
                        wake = next == Long.MAX_VALUE ? null : now + next;
                        try {
                            events.wait(next == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(next) + 1);
                        } finally {
                            wake = null;
                        }
                        continue;
                    }
                }
                handler.apply(due);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("applying file events failed: {}", e.toString(), e);
            } finally {
                if (!due.isEmpty()) {
                    synchronized (events) {
                        due.forEach(inFlight::remove);
                    }
                    afterBatch.run();
                }
            }
        }
    }
}
