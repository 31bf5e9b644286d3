package org.filesync.jobs;

/** Thrown by {@link JobManager#dispatch(Job)} when the backend cannot accept the job. */
public class JobRejectedException extends JobException {
    private static final long serialVersionUID = 1L;

    public JobRejectedException(String message) {
        super(message);
    }
}
