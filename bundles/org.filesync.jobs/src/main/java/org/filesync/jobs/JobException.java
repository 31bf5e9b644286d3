package org.filesync.jobs;

/** Base of the unchecked exceptions of the job service. */
public class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
