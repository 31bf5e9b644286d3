package org.filesync.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filesync.api.ConflictPlan;
import org.filesync.api.ConflictSide;
import org.filesync.api.Generation;
import org.filesync.api.SyncProgress;
import org.filesync.api.path.EntryKind;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void aFailureReasonStaysOnOneLineWhateverThePathsHoldInside() {
        Instant now = Instant.EPOCH;
        Generation failed = new Generation(
                1,
                1,
                now,
                Optional.of(now),
                Generation.Phase.FAILED,
                0,
                0,
                0,
                0,
                List.of("/dst/new\nline: disk-full (No space left on device)", "/dst/other: disk-full"),
                Generation.UNVERIFIED,
                Optional.empty(),
                0,
                List.of());
        assertEquals("/dst/new\\x0aline: disk-full (No space left on device)", Text.failure(failed));
    }

    @Test
    void countsAreSingularForOne() {
        assertEquals("1 operation", Text.count(1, "operation"));
        assertEquals("0 operations", Text.count(0, "operation"));
        assertEquals("1 copy", Text.count(1, "copy", "copies"));
        assertEquals("2 copies", Text.count(2, "copy", "copies"));
    }

    @Test
    void aConflictSideIsDescribedWithTheTimeFormatOfEveryCommand() {
        Instant modified = Instant.parse("2026-11-26T04:15:00Z");
        ConflictSide side = new ConflictSide(EntryKind.FILE, 1, modified, Optional.empty());
        assertEquals("file 1 byte modified " + Text.time(modified), Text.side(side));
        assertFalse(Text.side(side).contains("T04:15"), Text.side(side));
    }

    @Test
    void aPlannedConflictSaysWhatTheRunDoesWithIt() {
        Optional<ConflictSide> file = Optional.of(new ConflictSide(EntryKind.FILE, 3, Instant.EPOCH, Optional.empty()));
        assertEquals(
                "c.txt: both_modified, newest-wins: the source's version wins, the target's goes to the trash",
                Text.conflict(
                        new ConflictPlan(
                                "c.txt", "both_modified", file, file, "newest-wins", Optional.of("source"), false),
                        "trash"));
        assertEquals(
                "d.txt: deleted_vs_modified, target-wins: the target's deletion wins, the source's version is deleted",
                Text.conflict(
                        new ConflictPlan(
                                "d.txt",
                                "deleted_vs_modified",
                                file,
                                Optional.empty(),
                                "target-wins",
                                Optional.of("target"),
                                false),
                        "permanent"));
        assertEquals(
                "d.txt: deleted_vs_modified, newest-wins: the source's version wins and comes back to the target",
                Text.conflict(
                        new ConflictPlan(
                                "d.txt",
                                "deleted_vs_modified",
                                file,
                                Optional.empty(),
                                "newest-wins",
                                Optional.of("source"),
                                false),
                        "trash"));
        assertEquals(
                "e: both_modified, conflict-file: the target's version wins, the source's is kept beside it as a"
                        + " conflict copy on both ends",
                Text.conflict(
                        new ConflictPlan(
                                "e", "both_modified", file, file, "conflict-file", Optional.of("target"), true),
                        "trash"));
        assertEquals(
                "new\\x0aline: type_mismatch, prompt: nothing changes at the path until filesync:conflict-resolve",
                Text.conflict(
                        new ConflictPlan("new\nline", "type_mismatch", file, file, "prompt", Optional.empty(), false),
                        "trash"));
    }

    @Test
    void theProgressLineNamesWhatTheRunDoesAndCountsAsTheSummaryDoes() {
        Instant now = Instant.EPOCH;
        assertEquals(
                "settling (waiting for the index of both ends)",
                Text.progress(new SyncProgress(
                        1,
                        0,
                        Generation.Phase.SETTLING,
                        0,
                        0,
                        0,
                        0,
                        0,
                        Optional.empty(),
                        now,
                        0,
                        0,
                        Optional.of("waiting for the index of both ends"))));
        assertEquals(
                "copying: 1 operation done of 3, 1.0 KiB/2.0 KiB, 512 B/s, ETA 2.000s",
                Text.progress(new SyncProgress(
                        1,
                        2,
                        Generation.Phase.COPYING,
                        1,
                        3,
                        1024,
                        2048,
                        512,
                        Optional.of(java.time.Duration.ofSeconds(2)),
                        now,
                        0,
                        0,
                        Optional.empty())));
        assertEquals(
                "verifying (rescanning 40800 paths): copied 20000, deleted 0, 3.0 MiB written",
                Text.progress(new SyncProgress(
                        1,
                        2,
                        Generation.Phase.VERIFYING,
                        20400,
                        20400,
                        3L << 20,
                        3L << 20,
                        0,
                        Optional.empty(),
                        now,
                        20000,
                        0,
                        Optional.of("rescanning 40800 paths"))));
    }
}
