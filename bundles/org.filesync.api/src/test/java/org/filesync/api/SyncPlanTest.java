package org.filesync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyncPlanTest {

    @Test
    void theCountsReadInTheSingularForOneAndNameConflictsOnlyWhenThereAreSome() {
        PlannedOperation copy = new PlannedOperation("copy", "a.txt", true, 1);
        assertEquals(
                "1 operation, 1 copy, 0 deletes, 1 byte",
                new SyncPlan(1, List.of(copy), 1, 0, 0, 1, 0, List.of()).counts());
        PlannedOperation delete = new PlannedOperation("delete", "b.txt", true, 0);
        assertEquals(
                "2 operations, 1 copy, 1 delete, 1 conflict, 1 byte",
                new SyncPlan(1, List.of(copy, delete), 1, 1, 1, 1, 0, List.of()).counts());
        assertEquals(
                "0 operations, 0 copies, 0 deletes, 2 conflicts, 0 bytes",
                new SyncPlan(1, List.of(), 0, 0, 2, 0, 0, List.of()).counts());
    }
}
