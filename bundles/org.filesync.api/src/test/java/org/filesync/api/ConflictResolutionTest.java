package org.filesync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConflictResolutionTest {

    private static PathConflict resolved(String path) {
        return new PathConflict(
                3,
                5,
                path,
                "both_modified",
                Optional.empty(),
                Optional.empty(),
                PathConflict.Status.RESOLVED,
                Optional.of("target"),
                Optional.of("user"),
                Instant.EPOCH,
                Optional.of(Instant.EPOCH));
    }

    @Test
    void theMessageNamesTheRunUnderWayThatAppliesTheDecision() {
        assertEquals(
                "Conflict at a.txt of conduit 3 resolved: use target; generation 8 applies it",
                new ConflictResolution(resolved("a.txt"), ConflictChoice.TARGET, OptionalLong.of(8)).message());
    }

    @Test
    void withoutARunUnderWayTheNextSyncAppliesItAndThePathStaysOneLine() {
        assertEquals(
                "Conflict at a\\x0ab.txt of conduit 3 resolved: use both; the next sync applies it",
                new ConflictResolution(resolved("a\nb.txt"), ConflictChoice.BOTH, OptionalLong.empty()).message());
    }
}
