package org.filesync.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a scheduled conduit stands (docs/schedules.md); stored with the conduit, so it survives a
 * restart.
 *
 * @param nextRun when the scheduler starts the next run, if one is due at a known time
 * @param failures scheduled runs failed in a row since the last success (0 after a success)
 * @param hold why the scheduler does not start runs until a person syncs or changes the conduit, if it holds it
 */
public record ScheduleState(Optional<Instant> nextRun, int failures, Optional<String> hold) {

    /** Nothing due, no failure, no hold. */
    public static final ScheduleState NONE = new ScheduleState(Optional.empty(), 0, Optional.empty());

    public ScheduleState {
        Objects.requireNonNull(nextRun, "nextRun");
        Objects.requireNonNull(hold, "hold");
        if (failures < 0) {
            throw new IllegalArgumentException("failures cannot be negative");
        }
    }

    /** Whether the scheduler holds the conduit. */
    public boolean held() {
        return hold.isPresent();
    }

    public ScheduleState withNextRun(Optional<Instant> value) {
        return new ScheduleState(value, failures, hold);
    }

    public ScheduleState withFailures(int value) {
        return new ScheduleState(nextRun, value, hold);
    }

    public ScheduleState withHold(Optional<String> value) {
        return new ScheduleState(nextRun, failures, value);
    }
}
