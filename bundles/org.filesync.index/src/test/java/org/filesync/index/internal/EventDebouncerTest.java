package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventDebouncerTest {

    private static final Path A = Path.of("/loc/a");
    private static final Path B = Path.of("/loc/b");
    private static final Path OTHER = Path.of("/elsewhere/c");

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final BlockingQueue<List<Path>> batches = new LinkedBlockingQueue<>();
    private final AtomicInteger afterBatch = new AtomicInteger();
    private EventDebouncer debouncer;

    @AfterEach
    void stop() throws InterruptedException {
        debouncer.stop();
        thread.shutdownNow();
        assertTrue(thread.awaitTermination(5, TimeUnit.SECONDS));
    }

    private void start(Duration quietTime, EventDebouncer.Handler handler) {
        debouncer = new EventDebouncer(quietTime, afterBatch::incrementAndGet);
        debouncer.start(thread, handler);
    }

    @Test
    void eventsForAPathWithinTheQuietTimeAreHandedOverOnceAfterTheLastOfThem() throws Exception {
        start(Duration.ofMillis(300), batches::add);
        long first = System.nanoTime();
        debouncer.offer(A);
        Thread.sleep(150);
        long last = System.nanoTime();
        debouncer.offer(A);
        debouncer.offer(B);
        // the claim needs the second offer to fall within the quiet time of the first
        assumeTrue(TimeUnit.NANOSECONDS.toMillis(last - first) < 250, "the machine paused the test itself");

        List<Path> due = batches.poll(5, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last);
        assertEquals(List.of(A, B), due);
        assertTrue(waited >= 290, "the quiet time counts from the last event, waited " + waited + " ms after it");
        assertNull(batches.poll(400, TimeUnit.MILLISECONDS), "and only once");
        assertEquals(1, afterBatch.get());
    }

    @Test
    void aFlushMakesTheMatchingPathsDueAtOnceAndLeavesTheOthersWaiting() throws Exception {
        start(Duration.ofMinutes(10), batches::add);
        debouncer.offer(A);
        debouncer.offer(OTHER);
        assertEquals(1, debouncer.waiting(p -> p.startsWith("/loc")));

        debouncer.flush(p -> p.startsWith("/loc"));

        assertEquals(List.of(A), batches.poll(5, TimeUnit.SECONDS));
        awaitNoneWaiting(p -> p.startsWith("/loc"));
        assertEquals(1, debouncer.waiting(p -> p.startsWith("/elsewhere")));
    }

    @Test
    void aPathBeingAppliedStillCountsAsWaitingUntilTheHandlerReturns() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(Duration.ZERO, due -> {
            inHandler.countDown();
            release.await();
        });
        debouncer.offer(A);

        assertTrue(inHandler.await(5, TimeUnit.SECONDS));
        assertEquals(1, debouncer.waiting(A::equals));
        release.countDown();
        awaitNoneWaiting(A::equals);
    }

    /** Waits until the handler returned for the matching paths (they wait until then). */
    private void awaitNoneWaiting(java.util.function.Predicate<Path> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (debouncer.waiting(which) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, debouncer.waiting(which));
    }

    @Test
    void aHandlerThatFailsDoesNotStopTheLoopAndARetriedPathWaitsTheRetryDelay() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(Duration.ZERO, due -> {
            if (calls.incrementAndGet() == 1) {
                debouncer.retryLater(due.get(0));
                throw new IllegalStateException("simulated failure");
            }
            batches.add(due);
        });
        debouncer.offer(A);

        assertNull(batches.poll(EventDebouncer.RETRY_DELAY.toMillis() - 500, TimeUnit.MILLISECONDS));
        assertEquals(1, debouncer.waiting(A::equals), "retried, not lost");
        assertEquals(List.of(A), batches.poll(5, TimeUnit.SECONDS));
    }
}
