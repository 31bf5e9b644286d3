package org.filesync.api;

import java.util.Locale;

/** What started a run; every generation records it. */
public enum Trigger {
    /** A person asked: the shell, the API, another bundle. */
    MANUAL,
    /** Changes at an end of an {@code instant} conduit. */
    INSTANT,
    /** The period of an {@code interval} conduit. */
    INTERVAL,
    /** The backoff after a failed scheduled run. */
    RETRY,
    /** A user's conflict decision, applied at once. */
    CONFLICT_RESOLVE;

    /** The name as shown and stored: lower case, words joined by {@code -}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads a {@link #label()}.
     *
     * @throws IllegalArgumentException for another text
     */
    public static Trigger parse(String label) {
        for (Trigger trigger : values()) {
            if (trigger.label().equals(label)) {
                return trigger;
            }
        }
        throw new IllegalArgumentException("unknown trigger: " + label);
    }
}
