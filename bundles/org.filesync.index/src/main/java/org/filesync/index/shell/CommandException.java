package org.filesync.index.shell;

/**
 * A command refused because of its input (a path outside every indexed location): the user's
 * error. Karaf's shell tells it apart from a failure by this class's simple name: it logs it only at
 * debug level, prints {@link #getNiceHelp()} as the command's one line, and the command exits
 * non-zero under {@code bin/client -b}.
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
