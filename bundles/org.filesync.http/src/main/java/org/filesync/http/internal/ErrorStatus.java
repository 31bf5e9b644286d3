package org.filesync.http.internal;

import javax.servlet.http.HttpServletResponse;
import org.filesync.api.ConduitBusyException;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.DuplicateConduitException;
import org.filesync.api.FileSyncException;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.SyncRefusedException;

/**
 * The HTTP status of a refusal (the README's REST API table); the body carries the exception's message, the
 * one line the shell prints.
 *
 * <table>
 *   <tr><td>{@link ConduitNotFoundException}</td><td>404</td></tr>
 *   <tr><td>{@link DuplicateConduitException}</td><td>409</td></tr>
 *   <tr><td>{@link ConduitBusyException} (update or delete while syncing)</td><td>409</td></tr>
 *   <tr><td>{@link SyncRefusedException} (already syncing, disabled, not settled, safety limits)</td><td>409</td></tr>
 *   <tr><td>other {@link InvalidRequestException}s (bad input)</td><td>400</td></tr>
 *   <tr><td>any other {@link FileSyncException}</td><td>500</td></tr>
 * </table>
 */
final class ErrorStatus {

    private ErrorStatus() {}

    static int of(FileSyncException e) {
        if (e instanceof ConduitNotFoundException) {
            return HttpServletResponse.SC_NOT_FOUND;
        }
        if (e instanceof DuplicateConduitException
                || e instanceof ConduitBusyException
                || e instanceof SyncRefusedException) {
            return HttpServletResponse.SC_CONFLICT;
        }
        if (e instanceof InvalidRequestException) {
            return HttpServletResponse.SC_BAD_REQUEST;
        }
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
