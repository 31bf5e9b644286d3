package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code filesync:conduit-delete}: deletes a conduit; the files at both ends are untouched. */
@Service
@Command(
        scope = "filesync",
        name = "conduit-delete",
        description = "Delete a conduit and its history (the files at both ends are untouched)")
public class ConduitDeleteCommand extends ConduitCommand {

    @Override
    Object run() {
        long conduitId = conduitId();
        service.deleteConduit(conduitId);
        session.getConsole().println("Conduit " + conduitId + " deleted");
        return null;
    }
}
