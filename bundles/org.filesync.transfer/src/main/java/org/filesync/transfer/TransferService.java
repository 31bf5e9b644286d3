package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Set;
import org.filesync.jobs.JobHandle;
import org.osgi.annotation.versioning.ProviderType;

/** Builds and dispatches copy and delete jobs, and cleans what interrupted jobs left in an endpoint. */
@ProviderType
public interface TransferService {

    /** A copy job for the request, not yet dispatched. */
    TransferJob copyJob(CopyRequest request);

    /**
     * A delete job for the request, not yet dispatched.
     *
     * @throws TransferException when no {@link DeleteStrategy} of the requested name is registered
     */
    TransferJob deleteJob(DeleteRequest request);

    /**
     * The names of the {@link DeleteStrategy delete strategies} registered now ({@value
     * DeleteStrategy#PROPERTY}): the ones a delete or copy request may name.
     */
    Set<String> deleteStrategies();

    /**
     * Dispatches a copy job on the highest-ranked {@link org.filesync.jobs.JobManager}.
     *
     * @throws TransferException when no JobManager is registered
     */
    JobHandle copy(CopyRequest request);

    /**
     * Dispatches a delete job on the highest-ranked {@link org.filesync.jobs.JobManager}.
     *
     * @throws TransferException when no JobManager or no such delete strategy is registered
     */
    JobHandle delete(DeleteRequest request);

    /**
     * Removes the temp files and the staging directories of new directories that interrupted
     * copies left in {@code <endpoint>/.filesync/tmp} (those of copies running in this container are
     * kept) and purges trash generations older than
     * the trash strategy's retention. Call it when an endpoint comes into use, e.g. at start.
     */
    CleanupReport cleanEndpoint(Path endpoint);
}
