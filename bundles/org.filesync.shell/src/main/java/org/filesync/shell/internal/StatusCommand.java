package org.filesync.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.PrintablePaths;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncProgress;
import org.filesync.shell.internal.completers.ConduitIdCompleter;

/** {@code filesync:status}: the runs in progress. */
@Service
@Command(scope = "filesync", name = "status", description = "Show the sync runs in progress")
public class StatusCommand extends FileSyncCommand {

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Argument(index = 0, name = "id", description = "Conduit id (all conduits when omitted)")
    @Completion(ConduitIdCompleter.class)
    String id;

    @Override
    Object run() {
        List<SyncProgress> runs = service.activeRuns();
        Long wanted = id == null ? null : Conduit.parseId(id);
        if (wanted != null) {
            service.getConduit(wanted).orElseThrow(() -> new ConduitNotFoundException(wanted));
            runs = runs.stream().filter(run -> run.conduitId() == wanted).toList();
        }
        List<SyncProgress> active = runs;
        List<Conduit> scheduled = service.listConduits().stream()
                .filter(c -> wanted == null || c.id() == wanted)
                .filter(c ->
                        c.scheduleState().held() || c.scheduleState().nextRun().isPresent())
                .filter(c -> active.stream().noneMatch(run -> run.conduitId() == c.id()))
                .toList();
        if (runs.isEmpty()) {
            session.getConsole().println("No sync running");
            printScheduled(scheduled);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Conduit").alignRight();
        table.column("Generation").alignRight();
        table.column("Phase");
        table.column("Files");
        table.column("Bytes");
        table.column("Speed");
        table.column("ETA");
        for (SyncProgress run : runs) {
            table.addRow()
                    .addContent(
                            run.conduitId(),
                            run.generation() == 0 ? "-" : run.generation(),
                            Text.phase(run),
                            run.filesDone() + "/" + run.filesTotal(),
                            Text.bytes(run.bytesDone()) + "/" + Text.bytes(run.bytesTotal()),
                            Text.bytes((long) run.bytesPerSecond()) + "/s",
                            run.eta().map(Text::seconds).orElse("-"));
        }
        table.print(session.getConsole(), !noFormat);
        printScheduled(scheduled);
        return null;
    }

    /** One line per conduit that waits for its next scheduled run or is held. */
    private void printScheduled(List<Conduit> scheduled) {
        for (Conduit conduit : scheduled) {
            ScheduleState state = conduit.scheduleState();
            String line = state.held()
                    ? "Conduit " + conduit.id() + " held: "
                            + PrintablePaths.printable(state.hold().get())
                    : "Conduit " + conduit.id() + " waiting: next run " + Text.nextRun(conduit)
                            + (state.failures() > 0
                                    ? " (retry after " + Text.count(state.failures(), "failed run") + ")"
                                    : "");
            session.getConsole().println(line);
        }
    }
}
