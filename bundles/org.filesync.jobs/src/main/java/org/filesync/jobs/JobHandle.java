package org.filesync.jobs;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/** A dispatched job, as returned at once by {@link JobManager#dispatch(Job)}. */
@ProviderType
public interface JobHandle {

    /** The job id. */
    String id();

    /** A fresh snapshot of the job. */
    JobStatus status();

    /**
     * Requests cancellation: a queued job is cancelled at once, a running job when it next
     * checks {@link JobContext#isCancelled()}.
     *
     * @return whether the request was taken (false when the job is already over)
     */
    boolean cancel();

    /**
     * Waits until the job is over or the timeout passes.
     *
     * @return the latest snapshot: terminal unless the timeout passed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    JobStatus await(Duration timeout) throws InterruptedException;

    /** Completes with the terminal snapshot; never completes exceptionally. */
    CompletionStage<JobStatus> completion();
}
