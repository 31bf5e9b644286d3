package org.filesync.jobs;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a running {@link Job} sees of its backend: where to report progress and whether it was
 * asked to stop. Thread-safe: a job may report from several worker threads.
 */
@ProviderType
public interface JobContext {

    /** The id of the running job. */
    String jobId();

    /** Declares the totals, once known; may be called again when they change. */
    void totals(long items, long bytes);

    /** Adds to the bytes done (e.g. after each chunk written). */
    void addBytes(long bytes);

    /** Counts one item finished (successfully or not). */
    void itemDone();

    /** Names the item being worked on, for status displays. */
    void currentItem(String item);

    /** Whether a cancel was requested. */
    boolean isCancelled();

    /**
     * Throws when a cancel was requested.
     *
     * @throws JobCancelledException if the job was cancelled
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new JobCancelledException(jobId());
        }
    }
}
