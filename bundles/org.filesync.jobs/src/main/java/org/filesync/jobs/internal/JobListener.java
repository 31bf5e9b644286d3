package org.filesync.jobs.internal;

import org.filesync.jobs.JobStatus;

/** Receives a job engine's state changes and throttled progress. */
interface JobListener {

    /** A job changed state; called on the thread that changed it. */
    void stateChanged(JobStatus status);

    /** A job made progress; called at most once per configured interval and job. */
    void progress(JobStatus status);
}
