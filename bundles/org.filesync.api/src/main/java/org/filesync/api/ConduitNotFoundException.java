package org.filesync.api;

/** No conduit has the given id. */
public class ConduitNotFoundException extends FileSyncException {
    private static final long serialVersionUID = 1L;

    private final long conduitId;

    public ConduitNotFoundException(long conduitId) {
        super("No conduit with id " + conduitId);
        this.conduitId = conduitId;
    }

    public long conduitId() {
        return conduitId;
    }
}
