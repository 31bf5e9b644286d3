package org.filesync.shell.internal;

/**
 * A command refused because of its input or a safety check: the user's error, not a failure of
 * filesync. Karaf's shell tells it apart from a failure by this class's simple name (as its own
 * parser's {@code CommandException}): it logs it only at debug level, prints {@link #getNiceHelp()}
 * as the command's one line, and the command exits non-zero under {@code bin/client -b}. Without a
 * stack trace: the message says everything.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message, null, false, false);
    }

    /** The line the shell prints: {@code Error executing command: <message>}, without colour codes. */
    public String getNiceHelp() {
        return "Error executing command: " + getMessage();
    }
}
