package org.filesync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

    @Test
    void parsesManualAndInstant() {
        assertEquals(Schedule.MANUAL, Schedule.parse("manual"));
        assertEquals(Schedule.INSTANT, Schedule.parse("INSTANT"));
    }

    @Test
    void parsesIntervalsInEveryUnit() {
        assertEquals(Duration.ofSeconds(30), Schedule.parse("interval:30s").interval());
        assertEquals(Duration.ofMinutes(5), Schedule.parse("interval:5m").interval());
        assertEquals(Duration.ofHours(2), Schedule.parse("interval:2h").interval());
        assertEquals(Duration.ofDays(1), Schedule.parse("interval:1d").interval());
    }

    @Test
    void printsTheCanonicalFormBack() {
        assertEquals("interval:5m", Schedule.parse("interval:300s").toString());
        assertEquals("manual", Schedule.MANUAL.toString());
        assertEquals(
                Schedule.parse("interval:90s"),
                Schedule.parse(Schedule.parse("interval:90s").toString()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "hourly",
                "interval:",
                "interval:5",
                "interval:0m",
                "interval:-5m",
                "interval:5y",
                "interval:1s",
                "interval:99999999m"
            })
    void refusesMalformedOrTooShortSchedules(String text) {
        InvalidOptionException error = assertThrows(InvalidOptionException.class, () -> Schedule.parse(text));
        assertEquals("schedule", error.option());
        assertTrue(error.getMessage().contains("chedule"), error.getMessage());
    }
}
