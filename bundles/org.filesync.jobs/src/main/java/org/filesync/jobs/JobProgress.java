package org.filesync.jobs;

import java.util.Objects;

/**
 * A snapshot of a job's progress.
 *
 * @param itemsDone items finished so far
 * @param itemsTotal items declared by the job, 0 when unknown
 * @param bytesDone bytes processed so far
 * @param bytesTotal bytes declared by the job, 0 when unknown
 * @param currentItem the item being worked on, empty when none
 * @param bytesPerSecond average rate since the job started running
 * @param itemsPerSecond average rate since the job started running
 */
public record JobProgress(
        long itemsDone,
        long itemsTotal,
        long bytesDone,
        long bytesTotal,
        String currentItem,
        double bytesPerSecond,
        double itemsPerSecond) {

    /** No progress at all. */
    public static final JobProgress NONE = new JobProgress(0, 0, 0, 0, "", 0, 0);

    public JobProgress {
        if (itemsDone < 0 || itemsTotal < 0 || bytesDone < 0 || bytesTotal < 0) {
            throw new IllegalArgumentException("progress counters must not be negative");
        }
        Objects.requireNonNull(currentItem, "currentItem");
    }
}
