package org.filesync.api;

/** Base of every error filesync reports; the message is meant for the user. */
public class FileSyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FileSyncException(String message) {
        super(message);
    }

    public FileSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
