package org.filesync.shell.internal;

import java.util.Locale;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.InvalidRequestException;

/** Parsing of command arguments into values, with one-line errors that name the argument. */
final class CommandArguments {

    private CommandArguments() {}

    static long conduitId(String text) {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("Invalid conduit id '" + text + "': expected a positive number");
    }

    static int integer(String option, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionException(
                    option, "Invalid --" + option + " '" + text + "': expected a whole number");
        }
    }

    static boolean bool(String option, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidOptionException(
                    option, "Invalid --" + option + " '" + text + "': expected true or false");
        };
    }
}
