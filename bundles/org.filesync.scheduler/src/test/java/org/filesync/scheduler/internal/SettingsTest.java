package org.filesync.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Settings DEFAULTS = new Settings(
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            Duration.ofSeconds(5));

    @Test
    void theBackoffStartsAtThirtySecondsAndDoublesWithEachFailure() {
        assertEquals(Duration.ZERO, DEFAULTS.backoff(0));
        assertEquals(Duration.ofSeconds(30), DEFAULTS.backoff(1));
        assertEquals(Duration.ofSeconds(60), DEFAULTS.backoff(2));
        assertEquals(Duration.ofSeconds(120), DEFAULTS.backoff(3));
        assertEquals(Duration.ofMinutes(32), DEFAULTS.backoff(7));
    }

    @Test
    void theBackoffNeverExceedsAnHourHoweverManyFailures() {
        assertEquals(Duration.ofHours(1), DEFAULTS.backoff(8));
        assertEquals(Duration.ofHours(1), DEFAULTS.backoff(1_000_000));
    }
}
