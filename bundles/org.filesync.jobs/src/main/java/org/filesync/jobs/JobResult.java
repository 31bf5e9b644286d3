package org.filesync.jobs;

import java.util.List;
import java.util.Objects;

/**
 * What a job returns: how many items succeeded, the bytes it moved, and the items that failed.
 * A result with errors ends the job {@link JobState#FAILED}.
 *
 * @param itemsSucceeded items done successfully
 * @param bytes bytes transferred
 * @param errors the items that failed, with their reasons
 * @param summary a one-line summary
 */
public record JobResult(long itemsSucceeded, long bytes, List<ItemError> errors, String summary) {

    public JobResult {
        if (itemsSucceeded < 0 || bytes < 0) {
            throw new IllegalArgumentException("counters must not be negative");
        }
        errors = List.copyOf(errors);
        Objects.requireNonNull(summary, "summary");
    }

    /** A result without errors. */
    public static JobResult success(long itemsSucceeded, long bytes, String summary) {
        return new JobResult(itemsSucceeded, bytes, List.of(), summary);
    }

    /** Whether any item failed. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
