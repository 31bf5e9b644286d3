package org.filesync.scheduler.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.filesync.api.Conduit;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.store.SequenceCheckpoint;

/** What the scheduler knows of one scheduled conduit; used on the scheduler's thread only. */
final class Tracked {
    Conduit conduit;
    /** The index locations of the ends (null while an end is not indexed). */
    Path sourceRoot;

    Path targetRoot;
    Optional<SequenceCheckpoint> checkpoint = Optional.empty();
    /** The first and the last unsynced change of an instant conduit, null when there is none. */
    Instant firstChange;

    Instant lastChange;
    /** A run is under way; {@link #ours} if this scheduler started it. */
    boolean running;

    boolean ours;
    /** syncNow was called and has not returned. */
    boolean starting;
    /** The highest generation known to have started by this scheduler or to have ended. */
    long endedUpTo;
    /** The highest sequences the index reported for each end while the run was under way. */
    long seenSource;

    long seenTarget;

    void runStarted(boolean byScheduler) {
        running = true;
        ours = byScheduler;
        seenSource = 0;
        seenTarget = 0;
    }

    void seen(boolean source, boolean target, long sequence) {
        if (source) {
            seenSource = Math.max(seenSource, sequence);
        }
        if (target) {
            seenTarget = Math.max(seenTarget, sequence);
        }
    }

    boolean beyond(SequenceCheckpoint agreed, boolean source, boolean target, long sequence) {
        return (source && sequence > agreed.sourceSequence()) || (target && sequence > agreed.targetSequence());
    }

    /** Whether the index reported, during the run, changes its verification did not agree on. */
    boolean changedDuringRun() {
        if (seenSource == 0 && seenTarget == 0) {
            return false;
        }
        if (checkpoint.isEmpty()) {
            return true;
        }
        return beyond(checkpoint.get(), seenSource > 0, false, seenSource)
                || beyond(checkpoint.get(), false, seenTarget > 0, seenTarget);
    }

    /**
     * When an instant conduit's next run is due: the delay after its last unsynced change, at most
     * {@code maxDelay} after the first; an interval conduit's, or one that failed, is stored.
     */
    Optional<Instant> due(ScheduleState state, Duration maxDelay) {
        if (state.failures() > 0 || conduit.options().schedule().kind() == Schedule.Kind.INTERVAL) {
            return state.nextRun();
        }
        if (firstChange == null) {
            return Optional.empty();
        }
        Instant quiet = lastChange.plus(conduit.options().schedule().delay());
        Instant latest = firstChange.plus(maxDelay);
        return Optional.of(quiet.isBefore(latest) ? quiet : latest);
    }
}
