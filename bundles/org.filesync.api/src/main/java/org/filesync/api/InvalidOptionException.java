package org.filesync.api;

/** A conduit option has an invalid value. */
public class InvalidOptionException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final String option;

    public InvalidOptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The name of the offending option, as in the shell (for example {@code max-delete}). */
    public String option() {
        return option;
    }
}
