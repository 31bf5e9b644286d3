package org.filesync.shell.internal;

import java.util.Locale;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.filesync.api.Generation;

/** {@code filesync:history}: a conduit's generations, newest first. */
@Service
@Command(scope = "filesync", name = "history", description = "Show the generations of a conduit, newest first")
public class HistoryCommand extends ConduitCommand {

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    Object run() {
        long conduitId = conduitId();
        ShellTable table = new ShellTable();
        table.column("Generation").alignRight();
        table.column("Started");
        table.column("Completed");
        table.column("Phase");
        table.column("Trigger");
        table.column("Copied").alignRight();
        table.column("Deleted").alignRight();
        table.column("Conflicts").alignRight();
        table.column("Bytes").alignRight();
        table.column("Status");
        table.column("Verified");
        table.column("Errors");
        // new columns go last, so that scripts reading the columns by position keep working
        table.column("Moved").alignRight();
        for (Generation generation : service.history(conduitId)) {
            table.addRow()
                    .addContent(
                            generation.number(),
                            Text.time(generation.started()),
                            generation.completed().map(Text::time).orElse("-"),
                            generation.phase().name().toLowerCase(Locale.ROOT),
                            generation.trigger().label(),
                            generation.filesCopied(),
                            generation.filesDeleted(),
                            generation.conflicts(),
                            generation.bytes(),
                            generation.verification(),
                            generation.verifiedAt().map(Text::time).orElse("-"),
                            generation.errors().isEmpty()
                                    ? "-"
                                    : generation.errors().size() + ": " + Text.failure(generation),
                            generation.filesMoved());
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }
}
