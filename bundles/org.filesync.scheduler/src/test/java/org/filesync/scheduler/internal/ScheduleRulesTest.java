package org.filesync.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.Trigger;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Schedule EVERY_FIVE_MINUTES = Schedule.every(Duration.ofMinutes(5));
    private static final ScheduleState TWO_FAILURES =
            new ScheduleState(Optional.of(NOW.minusSeconds(1)), 2, Optional.empty());

    @Test
    void aRunAfterFailuresIsARetryWhateverTheSchedule() {
        assertEquals(Trigger.RETRY, ScheduleRules.trigger(TWO_FAILURES, Schedule.INSTANT));
        assertEquals(Trigger.INSTANT, ScheduleRules.trigger(ScheduleState.NONE, Schedule.INSTANT));
        assertEquals(Trigger.INTERVAL, ScheduleRules.trigger(ScheduleState.NONE, EVERY_FIVE_MINUTES));
    }

    @Test
    void aFailureCountsOneMoreAndSetsTheRetryAfterTheWait() {
        ScheduleState after = ScheduleRules.afterFailure(TWO_FAILURES, Duration.ofMinutes(2), NOW);
        assertEquals(3, after.failures());
        assertEquals(Optional.of(NOW.plusSeconds(120)), after.nextRun());
    }

    @Test
    void aVerifiedRunClearsTheFailuresAndCountsTheIntervalFromItsEnd() {
        ScheduleState after = ScheduleRules.afterRun(TWO_FAILURES, EVERY_FIVE_MINUTES, false, true, NOW)
                .orElseThrow();
        assertEquals(0, after.failures());
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(5))), after.nextRun());
    }

    @Test
    void aVerifiedRunOfAnInstantConduitWithNothingToClearChangesNothing() {
        assertEquals(Optional.empty(), ScheduleRules.afterRun(ScheduleState.NONE, Schedule.INSTANT, true, true, NOW));
    }

    @Test
    void aPersonsFailedRunLeavesAnIntervalCountingFromItsEndButNotARetryPending() {
        assertEquals(
                Optional.of(NOW.plus(Duration.ofMinutes(5))),
                ScheduleRules.afterRun(ScheduleState.NONE, EVERY_FIVE_MINUTES, false, false, NOW)
                        .orElseThrow()
                        .nextRun());
        assertEquals(Optional.empty(), ScheduleRules.afterRun(TWO_FAILURES, EVERY_FIVE_MINUTES, false, false, NOW));
        assertEquals(Optional.empty(), ScheduleRules.afterRun(ScheduleState.NONE, Schedule.INSTANT, false, false, NOW));
    }

    @Test
    void aHoldKeepsItsReasonAndClearsTheNextRun() {
        ScheduleState held = ScheduleRules.held(TWO_FAILURES, "max-delete: 60 % of the target");
        assertEquals(Optional.of("max-delete: 60 % of the target"), held.hold());
        assertEquals(Optional.empty(), held.nextRun());
        assertEquals(2, held.failures());
    }

    @Test
    void aHoldReasonStartsWithALabelThatSaysWhetherItLiftsByItself() {
        assertEquals("max-delete", ScheduleRules.holdLabel(SyncRefusedException.Reason.SAFETY_LIMIT));
        assertEquals(
                ScheduleRules.HOLD_ENDPOINT_MISSING,
                ScheduleRules.holdLabel(SyncRefusedException.Reason.ENDPOINT_MISSING));
        assertEquals("endpoint-unmarked", ScheduleRules.holdLabel(SyncRefusedException.Reason.ENDPOINT_UNMARKED));
    }
}
