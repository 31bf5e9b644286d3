package org.filesync.jobs.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filesync.jobs.JobStatus;

/** Where a backend keeps its job records, so that they survive a restart. */
interface JobStore {

    /** Records a newly dispatched job. */
    void insert(JobStatus status);

    /** Records a job's new state. */
    void update(JobStatus status);

    Optional<JobStatus> find(String id);

    /** The most recent records, newest first. */
    List<JobStatus> recent(int limit);

    /**
     * Marks every record of {@code backend} that is neither completed, failed nor cancelled as
     * {@code failed:interrupted}: its process ended while it was queued or running.
     *
     * @return how many records were marked
     */
    int markInterrupted(String backend, Instant now);
}
