package org.filesync.shell.internal;

import java.util.Locale;
import org.filesync.api.ConduitOptions;
import org.filesync.api.InvalidOptionException;

/** Parsing of command arguments into values, with one-line errors that name the argument. */
final class CommandArguments {

    private CommandArguments() {}

    static int integer(String option, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionException(
                    option, "Invalid --" + option + " '" + text + "': expected a whole number");
        }
    }

    /** A byte rate such as {@code 0} (no limit), {@code 500k}, {@code 10M} or {@code 1g} (binary units). */
    static long rate(String option, String text) {
        return ConduitOptions.parseBandwidth(text)
                .orElseThrow(() -> new InvalidOptionException(
                        option,
                        "Invalid --" + option + " '" + text + "': expected bytes per second, e.g. 0, 500k, 10M"));
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
