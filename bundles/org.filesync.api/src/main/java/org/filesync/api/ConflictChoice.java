package org.filesync.api;

import java.util.Locale;

/** A user's resolution of a pending conflict ({@code filesync:conflict-resolve --use …}). */
public enum ConflictChoice {
    /** The source end's state (its content, or its deletion) wins. */
    SOURCE,
    /** The target end's state wins. */
    TARGET,
    /** Both are kept: the source's at the path, the target's as a conflict copy on both ends. */
    BOTH;

    /** The lower-case name used on the command line and in the conflict queue. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code source}, {@code target} or {@code both}.
     *
     * @throws InvalidOptionException for anything else
     */
    public static ConflictChoice parse(String value) {
        for (ConflictChoice choice : values()) {
            if (choice.label().equals(value)) {
                return choice;
            }
        }
        throw new InvalidOptionException(
                "use", "Unknown choice '" + value + "' for --use: use one of source, target, both");
    }
}
