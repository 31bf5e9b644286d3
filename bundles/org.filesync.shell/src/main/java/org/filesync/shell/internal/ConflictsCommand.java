package org.filesync.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.Row;
import org.apache.karaf.shell.support.table.ShellTable;
import org.filesync.api.PathConflict;
import org.filesync.api.PrintablePaths;

/** {@code filesync:conflicts}: a conduit's pending conflicts, one per line, by path. */
@Service
@Command(
        scope = "filesync",
        name = "conflicts",
        description = "List the pending conflicts of a conduit (--all: also the resolved ones)")
public class ConflictsCommand extends ConduitCommand {

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Option(name = "--all", description = "Also the resolved conflicts, with their resolution")
    boolean all;

    @Override
    Object run() {
        long conduitId = conduitId();
        List<PathConflict> conflicts = all ? service.conflictHistory(conduitId) : service.conflicts(conduitId);
        if (conflicts.isEmpty()) {
            session.getConsole()
                    .println(
                            all
                                    ? "No conflicts recorded for conduit " + conduitId
                                    : "No pending conflicts for conduit " + conduitId);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Path");
        table.column("Type");
        table.column("Source");
        table.column("Target");
        table.column("Generation").alignRight();
        table.column("Detected");
        if (all) {
            table.column("Resolution");
        }
        for (PathConflict conflict : conflicts) {
            Row row = table.addRow();
            row.addContent(
                    PrintablePaths.printable(conflict.path()),
                    conflict.type(),
                    conflict.source().map(Text::side).orElse("deleted"),
                    conflict.target().map(Text::side).orElse("deleted"),
                    conflict.generation(),
                    Text.time(conflict.detected()));
            if (all) {
                row.addContent(conflict.resolution()
                        .map(resolution ->
                                resolution + " (" + conflict.resolvedBy().orElse("?") + ")")
                        .orElse(conflict.status().label()));
            }
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }
}
