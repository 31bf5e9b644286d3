package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.filesync.index.IndexStatus;
import org.junit.jupiter.api.Test;

class SettleMonitorTest {

    private static final Path ROOT = Path.of("/loc");

    private static IndexStatus status(int pendingEvents) {
        return new IndexStatus(ROOT, 0, pendingEvents, 0, 7, Optional.empty());
    }

    @Test
    void aWaitEndsWhenTheStatusSettlesAndTheMonitorIsSignalled() throws Exception {
        SettleMonitor monitor = new SettleMonitor(timeout -> true);
        AtomicInteger pending = new AtomicInteger(3);
        Thread applier = new Thread(() -> {
            while (pending.get() > 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                pending.decrementAndGet();
                monitor.signal();
            }
        });
        applier.start();

        IndexStatus settled = monitor.await(() -> status(pending.get()), Duration.ofSeconds(10));

        assertTrue(settled.settled());
        applier.join();
    }

    @Test
    void aWaitThatTimesOutReturnsTheLastStatusUnsettled() throws Exception {
        SettleMonitor monitor = new SettleMonitor(timeout -> true);

        IndexStatus last = monitor.await(() -> status(1), Duration.ofMillis(200));

        assertFalse(last.settled());
        assertEquals(1, last.pendingEvents());
    }

    @Test
    void withoutABarrierASettledLocationIsReportedOnlyAfterTheEventLatency() throws Exception {
        SettleMonitor monitor = new SettleMonitor(timeout -> false);
        long t0 = System.nanoTime();

        assertTrue(monitor.await(() -> status(0), Duration.ofSeconds(10)).settled());

        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) >= 45, "events may still be on their way");
        assertFalse(monitor.awaitEventsReported());
    }
}
