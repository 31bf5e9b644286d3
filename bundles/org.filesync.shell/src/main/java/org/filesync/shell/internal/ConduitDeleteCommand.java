package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.filesync.api.Conduit;
import org.filesync.shell.internal.completers.ConduitIdCompleter;

/** {@code filesync:conduit-delete}: deletes a conduit; the files at both ends are untouched. */
@Service
@Command(
        scope = "filesync",
        name = "conduit-delete",
        description = "Delete a conduit and its history (the files at both ends are untouched)")
public class ConduitDeleteCommand extends FileSyncCommand {

    @Argument(index = 0, name = "id", description = "Conduit id", required = true)
    @Completion(ConduitIdCompleter.class)
    String id;

    @Override
    Object run() {
        long conduitId = Conduit.parseId(id);
        service.deleteConduit(conduitId);
        session.getConsole().println("Conduit " + conduitId + " deleted");
        return null;
    }
}
