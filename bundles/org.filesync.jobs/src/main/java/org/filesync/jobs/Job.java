package org.filesync.jobs;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit of work run by a {@link JobManager}.
 *
 * <p>{@link #run(JobContext)} is called once, on a thread of the backend. It reports progress
 * through the context, checks {@link JobContext#isCancelled()} between items, and returns a
 * {@link JobResult}: a result with item errors ends the job {@link JobState#FAILED}, a thrown
 * exception too (its message becomes the reason).
 */
@ConsumerType
public interface Job {

    /** A short, stable name of the kind of work, e.g. {@code filesync.copy}. */
    String type();

    /** A human-readable one-line description, e.g. what is copied where. */
    String description();

    /**
     * Does the work.
     *
     * @throws InterruptedException when the thread is interrupted (the job ends cancelled if a
     *     cancel was requested, failed otherwise)
     * @throws JobCancelledException when the job notices a cancel request
     */
    JobResult run(JobContext context) throws InterruptedException;
}
