package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.filesync.api.Conduit;

/** {@code filesync:conduit-list}: a table of all conduits. */
@Service
@Command(scope = "filesync", name = "conduit-list", description = "List the conduits")
public class ConduitListCommand extends FileSyncCommand {

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    Object run() {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Mode");
        table.column("Source");
        table.column("Target");
        table.column("Enabled");
        table.column("Schedule");
        table.column("Last sync");
        table.column("Generation").alignRight();
        table.column("Next run");
        for (Conduit conduit : service.listConduits()) {
            table.addRow()
                    .addContent(
                            conduit.id(),
                            conduit.options().mode(),
                            Text.path(conduit.source()),
                            Text.path(conduit.target()),
                            conduit.options().enabled(),
                            conduit.options().schedule(),
                            conduit.lastCompleted().map(Text::time).orElse("never"),
                            conduit.currentGeneration(),
                            Text.nextRun(conduit));
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }
}
