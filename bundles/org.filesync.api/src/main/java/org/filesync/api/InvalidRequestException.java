package org.filesync.api;

/** A request was refused because of its input; nothing was changed. */
public class InvalidRequestException extends FileSyncException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
