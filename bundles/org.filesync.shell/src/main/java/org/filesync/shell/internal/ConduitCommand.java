package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.filesync.api.Conduit;
import org.filesync.shell.internal.completers.ConduitIdCompleter;

/** The base of a command about one conduit, named by its id as the first argument. */
abstract class ConduitCommand extends FileSyncCommand {

    @Argument(index = 0, name = "id", description = "Conduit id", required = true)
    @Completion(ConduitIdCompleter.class)
    String id;

    /**
     * The conduit's id.
     *
     * @throws org.filesync.api.InvalidRequestException unless the argument is a positive number
     */
    long conduitId() {
        return Conduit.parseId(id);
    }
}
