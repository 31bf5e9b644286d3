package org.filesync.api;

/**
 * A sync run was refused before it changed anything: the conduit is disabled or already syncing,
 * its index did not settle in time, an endpoint is missing, or a safety limit would be exceeded.
 */
public class SyncRefusedException extends FileSyncException {
    private static final long serialVersionUID = 1L;

    public SyncRefusedException(String message) {
        super(message);
    }
}
