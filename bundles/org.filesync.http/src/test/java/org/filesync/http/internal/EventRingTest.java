package org.filesync.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventRingTest {

    private static List<Long> ids(EventRing.Batch batch) {
        return batch.entries().stream().map(EventRing.Entry::id).toList();
    }

    @Test
    void idsIncreaseFromOneAndAClientGetsWhatCameAfterItsLastId() {
        EventRing ring = new EventRing(10);
        assertEquals(0, ring.lastId());
        assertEquals(1, ring.append("filesync/sync/STARTED", "{}"));
        assertEquals(2, ring.append("filesync/sync/PROGRESS", "{}"));
        assertEquals(3, ring.append("filesync/sync/COMPLETED", "{}"));
        EventRing.Batch batch = ring.after(1, 100);
        assertEquals(List.of(2L, 3L), ids(batch));
        assertEquals("filesync/sync/PROGRESS", batch.entries().get(0).topic());
        assertFalse(batch.gap());
        assertEquals(List.of(1L, 2L, 3L), ids(ring.after(0, 100)));
        assertTrue(ring.after(3, 100).entries().isEmpty());
        assertEquals(List.of(1L, 2L), ids(ring.after(0, 2)));
    }

    @Test
    void aClientBehindTheOldestEventIsToldItLostSome() {
        EventRing ring = new EventRing(3);
        for (int i = 0; i < 7; i++) {
            ring.append("t", "{}");
        }
        EventRing.Batch behind = ring.after(2, 100);
        assertTrue(behind.gap());
        assertEquals(List.of(5L, 6L, 7L), ids(behind));
        EventRing.Batch justInTime = ring.after(4, 100);
        assertFalse(justInTime.gap());
        assertEquals(List.of(5L, 6L, 7L), ids(justInTime));
    }

    @Test
    void anIdThisRingNeverGaveIsAGapAndGetsEverythingKept() {
        EventRing ring = new EventRing(5);
        ring.append("t", "{}");
        ring.append("t", "{}");
        EventRing.Batch batch = ring.after(40, 100); // from before a restart
        assertTrue(batch.gap());
        assertEquals(List.of(1L, 2L), ids(batch));
    }

    @Test
    void theCapacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new EventRing(0));
    }
}
