package org.filesync.jobs;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs jobs for any bundle of the container.
 *
 * <p>Several backends may be registered; callers should bind the one with the highest {@code
 * service.ranking} through a dynamic, greedy reference, so that a newly registered higher-ranked
 * backend takes new jobs while jobs already dispatched finish on the backend that accepted them.
 * Each backend registers {@link #BACKEND_PROPERTY}.
 */
@ProviderType
public interface JobManager {

    /** Service property naming the backend, e.g. {@code threadpool}. */
    String BACKEND_PROPERTY = "job.backend";

    /**
     * Queues a job and returns at once.
     *
     * @throws JobRejectedException when the backend is shutting down
     */
    JobHandle dispatch(Job job);

    /** The handle of a job this backend accepted and still remembers. */
    Optional<JobHandle> handle(String id);

    /**
     * A snapshot of a job: one this backend runs or ran, including jobs of an earlier run of the
     * container (reported {@code failed:interrupted} when they did not end).
     */
    Optional<JobStatus> status(String id);

    /** Snapshots of the jobs not yet over, oldest first. */
    List<JobStatus> active();

    /** Snapshots of the most recent jobs, newest first, at most {@code limit}. */
    List<JobStatus> recent(int limit);

    /**
     * Requests cancellation of a job.
     *
     * @return whether the request was taken
     */
    boolean cancel(String id);
}
