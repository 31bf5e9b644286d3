package org.filesync.jobs;

import java.util.Objects;

/**
 * One item of a job that did not succeed.
 *
 * @param item the item, e.g. a path
 * @param reason a short stable code, e.g. {@code changed-since-plan}, {@code disk-full}
 * @param message a sentence a user can act on
 */
public record ItemError(String item, String reason, String message) {

    public ItemError {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }

    @Override
    public String toString() {
        return item + ": " + reason + " (" + message + ")";
    }
}
