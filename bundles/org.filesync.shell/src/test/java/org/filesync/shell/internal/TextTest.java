package org.filesync.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filesync.api.Generation;
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
}
