package org.filesync.resolver;

/** A resolution that cannot be made; the message says why, for a user. */
public class ResolverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResolverException(String message) {
        super(message);
    }

    public ResolverException(String message, Throwable cause) {
        super(message, cause);
    }
}
