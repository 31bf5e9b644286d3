package org.filesync.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.Trigger;

/**
 * The rules of a schedule's stored state (docs/schedules.md): what a run's end, a failure and a
 * refusal leave behind. Pure functions of the state, the schedule and the time, so the scheduler
 * only applies them.
 */
final class ScheduleRules {

    /** Hold reasons start with a label, so that a stored hold says whether it lifts by itself. */
    static final String HOLD_ENDPOINT_MISSING = "endpoint-missing";

    private ScheduleRules() {}

    /** Why a scheduled run starts: a retry after failures, else the schedule's own kind. */
    static Trigger trigger(ScheduleState state, Schedule schedule) {
        if (state.failures() > 0) {
            return Trigger.RETRY;
        }
        return schedule.kind() == Schedule.Kind.INSTANT ? Trigger.INSTANT : Trigger.INTERVAL;
    }

    /** A scheduled run failed (the {@code failures}-th time in a row): the next try waits {@code wait}. */
    static ScheduleState afterFailure(ScheduleState state, Duration wait, Instant now) {
        return state.withFailures(state.failures() + 1).withNextRun(Optional.of(now.plus(wait)));
    }

    /**
     * The state a run's end leaves, unless the scheduler's own run failed (then {@link
     * #afterFailure}): a verified run, or one of its own, clears the failures and sets an interval's
     * next run from now; a person's run that failed leaves an interval counting from its end. Empty
     * when the state stays as it is.
     */
    static Optional<ScheduleState> afterRun(
            ScheduleState state, Schedule schedule, boolean ours, boolean verified, Instant now) {
        boolean interval = schedule.kind() == Schedule.Kind.INTERVAL;
        if (verified || ours) {
            Optional<Instant> next = interval ? Optional.of(now.plus(schedule.interval())) : Optional.empty();
            if (state.failures() != 0 || !state.nextRun().equals(next)) {
                return Optional.of(state.withFailures(0).withNextRun(next));
            }
            return Optional.empty();
        }
        if (interval && state.failures() == 0) {
            return Optional.of(state.withNextRun(Optional.of(now.plus(schedule.interval()))));
        }
        return Optional.empty();
    }

    /** The state a hold leaves: the reason kept, no next run until it is lifted. */
    static ScheduleState held(ScheduleState state, String reason) {
        return state.withHold(Optional.of(reason)).withNextRun(Optional.empty());
    }

    /** The label that starts the hold reason of a refusal that holds. */
    static String holdLabel(SyncRefusedException.Reason reason) {
        return switch (reason) {
            case SAFETY_LIMIT -> "max-delete";
            case ENDPOINT_MISSING -> HOLD_ENDPOINT_MISSING;
            case ENDPOINT_UNMARKED -> "endpoint-unmarked";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }
}
