package org.filesync.api;

/**
 * The conduit is syncing and the request must wait until the run has ended (changing its mode or
 * ignore rules, deleting it); nothing was changed.
 */
public class ConduitBusyException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final long conduitId;

    public ConduitBusyException(long conduitId, String message) {
        super(message);
        this.conduitId = conduitId;
    }

    /** The id of the conduit that is syncing. */
    public long conduitId() {
        return conduitId;
    }
}
