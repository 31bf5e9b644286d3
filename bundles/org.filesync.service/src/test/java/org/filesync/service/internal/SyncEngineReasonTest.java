package org.filesync.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyncEngineReasonTest {

    @Test
    void aFailureThatOnlyCountsSkippedWorkNamesTheFirstPathsError() {
        assertEquals(
                "deletes skipped: 2 path(s) not synced; first: /t/a: disk-full (No space left on device)",
                SyncEngine.reason(List.of(
                        "deletes skipped: 2 path(s) not synced",
                        "/t/a: disk-full (No space left on device)",
                        "/t/b: disk-full (No space left on device)")));
    }

    @Test
    void aFailureWithItsOwnReasonIsKeptAsItIs() {
        assertEquals("internal error: boom", SyncEngine.reason(List.of("internal error: boom")));
    }
}
