package org.filesync.index.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexedLocation;

/** {@code filesync:location-list}: the indexed locations with state and entry count. */
@Service
@Command(scope = "filesync", name = "location-list", description = "Lists the indexed locations")
public class LocationListCommand implements Action {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference
    FileIndex index;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Path");
        table.column("State");
        table.column("Entries").alignRight();
        table.column("Sequence").alignRight();
        table.column("Last full scan");
        for (IndexedLocation l : index.locations()) {
            table.addRow()
                    .addContent(
                            l.root(),
                            l.state(),
                            l.entryCount(),
                            l.sequence(),
                            l.lastFullScan().map(TIME::format).orElse("never"));
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }
}
