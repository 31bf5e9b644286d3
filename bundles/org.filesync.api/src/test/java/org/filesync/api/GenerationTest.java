package org.filesync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerationTest {

    @Test
    void aFailureThatOnlyCountsSkippedWorkAlsoNamesTheFirstPathsError() {
        assertEquals(
                "deletes skipped: 2 path(s) not synced; first: /dst/a: source-vanished (the source disappeared: /src/a)",
                failed(List.of(
                                "deletes skipped: 2 path(s) not synced",
                                "/dst/a: source-vanished (the source disappeared: /src/a)",
                                "/dst/b: source-vanished (the source disappeared: /src/b)"))
                        .failureReason());
    }

    @Test
    void aFailureWithItsOwnReasonGivesItAsItIs() {
        assertEquals(
                "internal error: boom", failed(List.of("internal error: boom")).failureReason());
        assertEquals("", failed(List.of()).failureReason());
    }

    private static Generation failed(List<String> errors) {
        Instant now = Instant.EPOCH;
        return new Generation(
                1,
                1,
                now,
                Optional.of(now),
                Generation.Phase.FAILED,
                0,
                0,
                0,
                0,
                errors,
                Generation.UNVERIFIED,
                Optional.empty(),
                0,
                List.of());
    }
}
