package org.filesync.shell.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.filesync.api.Conduit;
import org.filesync.api.ConflictPlan;
import org.filesync.api.ConflictSide;
import org.filesync.api.Generation;
import org.filesync.api.PrintablePaths;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncProgress;

/** How the commands print values: one line each, local time to the second. */
final class Text {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Text() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** A count with its noun, singular for one: {@code 1 operation}, {@code 3 operations}. */
    static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** A count with its noun, plural with an {@code s}: {@code 1 byte}, {@code 2 bytes}. */
    static String count(long count, String noun) {
        return count(count, noun, noun + "s");
    }

    /** One end's entry at a conflict: {@code file 12 bytes modified 2026-11-26 04:15:00}, in {@link #time}. */
    static String side(ConflictSide side) {
        return side.kind().label() + " " + count(side.size(), "byte") + " modified " + time(side.modified());
    }

    /**
     * A planned conflict and what the run does with it, on one line: {@code c.txt: both_modified,
     * newest-wins: the source's version wins, the target's goes to the trash}.
     *
     * @param deleteStrategy the conduit's delete strategy, which takes the loser's overwritten version
     */
    static String conflict(ConflictPlan conflict, String deleteStrategy) {
        return PrintablePaths.printable(conflict.path()) + ": " + conflict.type() + ", " + conflict.strategy() + ": "
                + decision(conflict, deleteStrategy);
    }

    private static String decision(ConflictPlan conflict, String deleteStrategy) {
        if (conflict.pending()) {
            return "nothing changes at the path until filesync:conflict-resolve";
        }
        String winner = conflict.winner().orElseThrow();
        String loser = winner.equals("source") ? "target" : "source";
        boolean winnerDeleted = (winner.equals("source") ? conflict.source() : conflict.target()).isEmpty();
        boolean loserDeleted = (winner.equals("source") ? conflict.target() : conflict.source()).isEmpty();
        String lost =
                switch (deleteStrategy) {
                    case "trash" -> "goes to the trash";
                    case "permanent" -> "is deleted";
                    default -> "goes through the " + deleteStrategy + " delete strategy";
                };
        if (conflict.keepsBoth()) {
            return "the " + winner + "'s version wins, the " + loser
                    + "'s is kept beside it as a conflict copy on both ends";
        }
        if (winnerDeleted) {
            return "the " + winner + "'s deletion wins, the " + loser + "'s version " + lost;
        }
        if (loserDeleted) {
            return "the " + winner + "'s version wins and comes back to the " + loser;
        }
        return "the " + winner + "'s version wins, the " + loser + "'s " + lost;
    }

    /** Seconds with three decimals, e.g. {@code 1.250s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%d.%03ds", duration.toSeconds(), duration.toMillisPart());
    }

    /** A byte count in binary units, e.g. {@code 1.5 MiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * The progress line of {@code filesync:sync --wait}: the phase and what the run does in it; while
     * it copies or deletes, the plan's operations done and the transfer; from then on, the counts the
     * summary line reports ({@code copied}, {@code deleted}) and the bytes written.
     */
    static String progress(SyncProgress progress) {
        return switch (progress.phase()) {
            case SETTLING, RESOLVING, PLANNED -> phase(progress);
            case COPYING -> String.format(
                    Locale.ROOT,
                    "%s: %s done of %d, %s/%s, %s/s, ETA %s",
                    phase(progress),
                    count(progress.filesDone(), "operation"),
                    progress.filesTotal(),
                    bytes(progress.bytesDone()),
                    bytes(progress.bytesTotal()),
                    bytes((long) progress.bytesPerSecond()),
                    progress.eta().map(Text::seconds).orElse("-"));
            case DELETING -> String.format(
                    Locale.ROOT,
                    "%s: %s done of %d, copied %d, %s written",
                    phase(progress),
                    count(progress.filesDone(), "operation"),
                    progress.filesTotal(),
                    progress.copied(),
                    bytes(progress.bytesDone()));
            default -> String.format(
                    Locale.ROOT,
                    "%s: copied %d, deleted %d, %s written",
                    phase(progress),
                    progress.copied(),
                    progress.deleted(),
                    bytes(progress.bytesDone()));
        };
    }

    /** The phase, with what the run does in it: {@code verifying (rescanning 12 paths)}. */
    static String phase(SyncProgress progress) {
        String phase = progress.phase().name().toLowerCase(Locale.ROOT);
        return progress.activity()
                .map(activity -> phase + " (" + activity + ")")
                .orElse(phase);
    }

    /** The reason of a failed generation ({@link Generation#failureReason()}) on one line. */
    static String failure(Generation generation) {
        return PrintablePaths.printable(generation.failureReason());
    }

    /**
     * The {@code next run} of a conduit: {@code -} when it only syncs on request (or is disabled),
     * {@code held: <reason>} when the scheduler holds it, else when its next run is due, or {@code on
     * change} for an instant conduit with nothing to do.
     */
    static String nextRun(Conduit conduit) {
        ScheduleState state = conduit.scheduleState();
        if (conduit.options().schedule().kind() == Schedule.Kind.MANUAL
                || !conduit.options().enabled()) {
            return "-";
        }
        if (state.held()) {
            return "held: " + PrintablePaths.printable(state.hold().get());
        }
        if (state.nextRun().isPresent()) {
            return time(state.nextRun().get());
        }
        return conduit.options().schedule().kind() == Schedule.Kind.INSTANT ? "on change" : "-";
    }

    /** A path with control characters escaped, so that a name with a newline stays on one line. */
    static String path(Path path) {
        return PrintablePaths.printable(path.toString());
    }
}
