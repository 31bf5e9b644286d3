package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.PrintablePaths;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;

/** {@code filesync:conduit-show}: every setting and statistic of one conduit. */
@Service
@Command(scope = "filesync", name = "conduit-show", description = "Show the details of a conduit")
public class ConduitShowCommand extends ConduitCommand {

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    Object run() {
        long conduitId = conduitId();
        Conduit conduit = service.getConduit(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        ConduitOptions options = conduit.options();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        row(table, "Id", conduit.id());
        row(table, "UUID", conduit.uuid());
        row(table, "Source", Text.path(conduit.source()));
        row(table, "Target", Text.path(conduit.target()));
        row(table, "Mode", options.mode());
        row(table, "Enabled", options.enabled());
        row(table, "Schedule", options.schedule());
        if (options.schedule().kind() == Schedule.Kind.INSTANT) {
            row(table, "Delay", Schedule.shortest(options.schedule().delay()));
        }
        ScheduleState state = conduit.scheduleState();
        row(table, "Next run", Text.nextRun(conduit));
        row(table, "Failures", state.failures());
        row(
                table,
                "Backoff",
                state.failures() == 0
                        ? "none"
                        : state.nextRun()
                                .map(Text::time)
                                .map(t -> "retry at " + t)
                                .orElse("none"));
        row(table, "Hold", state.hold().map(PrintablePaths::printable).orElse("none"));
        row(table, "Conflict strategy", options.conflictStrategy());
        row(table, "Delete strategy", options.deleteStrategy());
        row(table, "Parallel transfers", options.parallelTransfers());
        row(table, "Bandwidth limit", options.bandwidthLimit() == 0 ? "none" : options.bandwidthLimit() + " B/s");
        row(table, "Max delete", options.maxDeletePercent() + " %");
        row(table, "Verify retry", options.verifyRetry());
        if (options.ignores().isEmpty()) {
            row(table, "Ignore rules", "none");
        } else {
            for (int i = 0; i < options.ignores().size(); i++) {
                row(
                        table,
                        i == 0 ? "Ignore rules" : "",
                        PrintablePaths.printable(options.ignores().get(i)));
            }
        }
        row(table, "Generation", conduit.currentGeneration());
        row(table, "Last sync", conduit.lastCompleted().map(Text::time).orElse("never"));
        row(table, "Last error", conduit.lastError().orElse("none"));
        row(table, "Total syncs", conduit.statistics().totalSyncs());
        row(table, "Files synced", conduit.statistics().filesSynced());
        row(table, "Bytes synced", conduit.statistics().bytesSynced());
        table.print(session.getConsole(), !noFormat);
        return null;
    }

    private static void row(ShellTable table, String property, Object value) {
        table.addRow().addContent(property, value);
    }
}
