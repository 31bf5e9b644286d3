package org.filesync.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.TransferReasons;
import org.junit.jupiter.api.Test;

class WorkersTest {

    private static List<CopyWork> items(int count) {
        List<CopyWork> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new CopyWork(CopyItem.toNew(Path.of("/src/" + i), Path.of("/dst/" + i))));
        }
        return items;
    }

    @Test
    void aFailingStepFailsOnlyItsItemWithTheReasonOfItsError() throws Exception {
        List<CopyWork> items = items(4);
        try (Workers workers = new Workers(2, "copy", "0123456789abcdef")) {
            workers.forEachPending(items, w -> {
                switch (w.item.source().getFileName().toString()) {
                    case "0" -> throw new ItemFailure(TransferReasons.SOURCE_CHANGED, "changed");
                    case "1" -> throw new IOException("No space left on device");
                    case "2" -> throw new IllegalStateException("a bug");
                    default -> w.outcome = ItemOutcome.done(w.item.target(), 1);
                }
            });
        }

        assertEquals(TransferReasons.SOURCE_CHANGED, items.get(0).outcome.reason());
        assertEquals("changed", items.get(0).outcome.message());
        assertEquals(TransferReasons.DISK_FULL, items.get(1).outcome.reason());
        assertEquals(TransferReasons.IO_ERROR, items.get(2).outcome.reason());
        assertTrue(items.get(3).outcome.done());
    }

    @Test
    void itemsWithAnOutcomeTakeNoFurtherStep() throws Exception {
        List<CopyWork> items = items(3);
        items.get(1).fail(TransferReasons.CANCELLED, "before");
        AtomicInteger steps = new AtomicInteger();
        try (Workers workers = new Workers(3, "copy", "0123456789abcdef")) {
            workers.forEachPending(items, w -> steps.incrementAndGet());
        }

        assertEquals(2, steps.get());
        assertEquals("before", items.get(1).outcome.message());
    }

    @Test
    void noMoreItemsRunAtOnceThanTheJobIsParallel() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (Workers workers = new Workers(2, "copy", "0123456789abcdef")) {
            workers.forEachPending(items(8), w -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(20);
                running.decrementAndGet();
            });
        }

        assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
    }
}
