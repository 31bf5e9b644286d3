package org.filesync.api;

/** Another conduit already binds the same two directories. */
public class DuplicateConduitException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final long existingId;

    public DuplicateConduitException(long existingId, String message) {
        super(message);
        this.existingId = existingId;
    }

    /** The id of the conduit that already binds the pair. */
    public long existingId() {
        return existingId;
    }
}
