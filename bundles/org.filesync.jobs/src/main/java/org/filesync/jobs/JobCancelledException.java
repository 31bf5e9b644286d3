package org.filesync.jobs;

/** Thrown by {@link JobContext#checkCancelled()} inside a job that was asked to stop. */
public class JobCancelledException extends JobException {
    private static final long serialVersionUID = 1L;

    public JobCancelledException(String jobId) {
        super("job " + jobId + " was cancelled");
    }
}
