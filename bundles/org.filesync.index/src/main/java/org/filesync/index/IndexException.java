package org.filesync.index;

/** A request the index refuses or cannot carry out; the message says why, for a user. */
public class IndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
