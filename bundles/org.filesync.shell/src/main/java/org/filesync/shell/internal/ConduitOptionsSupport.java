package org.filesync.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.filesync.api.ConduitOptions;
import org.filesync.api.Schedule;
import org.filesync.shell.internal.completers.ConflictStrategyCompleter;
import org.filesync.shell.internal.completers.DeleteStrategyCompleter;
import org.filesync.shell.internal.completers.ModeCompleter;

/** The settings options that conduit-create and conduit-update share. */
abstract class ConduitOptionsSupport extends FileSyncCommand {

    // Each description names the default of a new conduit (ConduitOptions.defaults()); on
    // conduit-update an option not given keeps the conduit's current value.

    @Option(
            name = "--mode",
            description = "Sync mode: mirror or bidirectional (new conduits: " + ConduitOptions.DEFAULT_MODE + ")")
    @Completion(ModeCompleter.class)
    String mode;

    @Option(
            name = "--conflict",
            description = "Conflict strategy: newest-wins, source-wins, target-wins, conflict-file or prompt (new"
                    + " conduits: " + ConduitOptions.DEFAULT_CONFLICT_STRATEGY + ")")
    @Completion(ConflictStrategyCompleter.class)
    String conflict;

    @Option(
            name = "--delete",
            description = "Delete strategy: trash or permanent (new conduits: " + ConduitOptions.DEFAULT_DELETE_STRATEGY
                    + ")")
    @Completion(DeleteStrategyCompleter.class)
    String delete;

    @Option(
            name = "--schedule",
            description = "manual, instant or interval:<n><s|m|h|d>, e.g. interval:5m (new conduits: manual)")
    @Completion(
            value = StringsCompleter.class,
            values = {"manual", "instant", "interval:5m", "interval:1h", "interval:1d"})
    String schedule;

    @Option(
            name = "--delay",
            description = "Instant schedules: how long both ends must be quiet before a run starts, <n><s|m|h>"
                    + " (new conduits: 10s)")
    @Completion(
            value = StringsCompleter.class,
            values = {"1s", "10s", "1m"})
    String delay;

    @Option(
            name = "--parallel",
            description = "Number of parallel transfers, 1-" + ConduitOptions.MAX_PARALLEL_TRANSFERS
                    + " (new conduits: " + ConduitOptions.DEFAULT_PARALLEL_TRANSFERS + ")")
    String parallel;

    @Option(
            name = "--max-delete",
            description = "Largest share of a side's files a run may delete, 0-100 % (new conduits: "
                    + ConduitOptions.DEFAULT_MAX_DELETE_PERCENT + ")")
    String maxDelete;

    @Option(
            name = "--bandwidth",
            description = "Bandwidth limit in bytes per second, k, M, G suffixes, 0 for none (new conduits: 0)")
    String bandwidth;

    @Option(
            name = "--verify-retry",
            description = "true: a generation whose verification fails is retried once (new conduits: false)")
    @Completion(
            value = StringsCompleter.class,
            values = {"true", "false"})
    String verifyRetry;

    @Option(
            name = "--ignore",
            multiValued = true,
            description = "An ignore pattern in .gitignore syntax, (?i) and (?d) prefixes allowed; repeat for"
                    + " more (on update the given list replaces the stored one; new conduits: none)")
    List<String> ignore;

    /** {@code base} with every option given on the command line applied. */
    ConduitOptions applyTo(ConduitOptions base) {
        ConduitOptions options = base;
        if (mode != null) {
            options = options.withMode(mode);
        }
        if (conflict != null) {
            options = options.withConflictStrategy(conflict);
        }
        if (delete != null) {
            options = options.withDeleteStrategy(delete);
        }
        if (schedule != null) {
            Schedule parsed = Schedule.parse(schedule);
            boolean stillInstant =
                    parsed.kind() == Schedule.Kind.INSTANT && options.schedule().kind() == Schedule.Kind.INSTANT;
            options = options.withSchedule(stillInstant ? options.schedule() : parsed);
        }
        if (delay != null) {
            options = options.withSchedule(options.schedule().withDelay(Schedule.parseDelay(delay)));
        }
        if (parallel != null) {
            options = options.withParallelTransfers(CommandArguments.integer("parallel", parallel));
        }
        if (maxDelete != null) {
            options = options.withMaxDeletePercent(CommandArguments.integer("max-delete", maxDelete));
        }
        if (bandwidth != null) {
            options = options.withBandwidthLimit(CommandArguments.rate("bandwidth", bandwidth));
        }
        if (verifyRetry != null) {
            options = options.withVerifyRetry(CommandArguments.bool("verify-retry", verifyRetry));
        }
        if (ignore != null) {
            options = options.withIgnores(ignore);
        }
        return options;
    }

    void println(String line) {
        session.getConsole().println(line);
    }
}
