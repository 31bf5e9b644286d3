package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.FileSyncService;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.SyncRefusedException;

/**
 * The base of every {@code filesync:*} command. A refusal (bad input, an unknown conduit, a run
 * refused by a safety check) reaches the shell as a {@link CommandException}: one line on the
 * console, a non-zero exit, no {@code ERROR} and no stack trace in {@code karaf.log}. Anything else
 * (a run that failed, a store that broke) is a real failure and is logged with its stack trace as
 * Karaf logs every failing command. Every command gets the {@link FileSyncService} and the session
 * whose console it prints to.
 */
abstract class FileSyncCommand implements Action {

    @Reference
    FileSyncService service;

    @Reference
    Session session;

    @Override
    public final Object execute() throws Exception {
        try {
            return run();
        } catch (InvalidRequestException | ConduitNotFoundException | SyncRefusedException refused) {
            throw new CommandException(refused.getMessage());
        }
    }

    /** What the command does; a {@link org.filesync.api.FileSyncException} it throws names the problem. */
    abstract Object run() throws Exception;
}
