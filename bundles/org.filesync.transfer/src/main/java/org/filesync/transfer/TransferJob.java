package org.filesync.transfer;

import java.util.List;
import org.filesync.jobs.Job;
import org.osgi.annotation.versioning.ProviderType;

/** A copy or delete job built by {@link TransferService}; run it on any {@link org.filesync.jobs.JobManager}. */
@ProviderType
public interface TransferJob extends Job {

    /** Job type of copy jobs. */
    String COPY_TYPE = "filesync.copy";

    /** Job type of delete jobs. */
    String DELETE_TYPE = "filesync.delete";

    /** The outcome of every item, in request order, once the job has run; empty before. */
    List<ItemOutcome> outcomes();
}
