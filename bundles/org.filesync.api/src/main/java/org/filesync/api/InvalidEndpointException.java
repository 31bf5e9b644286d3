package org.filesync.api;

/** A conduit endpoint is unusable (relative, missing, not a directory, nested, a symlink...). */
public class InvalidEndpointException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidEndpointException(String path, String message) {
        super(message);
        this.path = path;
    }

    /** The offending path as the caller gave it. */
    public String path() {
        return path;
    }
}
