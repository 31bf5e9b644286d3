package org.filesync.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/** A sync run that has started: its plan, its progress and its outcome. */
@ProviderType
public interface SyncHandle {

    long conduitId();

    /** The number of the generation this run records. */
    long generation();

    /** The plan the run carries out. */
    SyncPlan plan();

    /** Time from the start of resolution until the run ended, or until now while it runs. */
    Duration elapsed();

    /** A fresh snapshot of the run's progress. */
    SyncProgress progress();

    /** Completes with the final generation once the run has ended (verification included). */
    CompletionStage<Generation> completion();

    /**
     * Waits for the run to end.
     *
     * @return the final generation
     * @throws FileSyncException if the timeout passed first
     * @throws InterruptedException if the waiting thread was interrupted
     */
    Generation await(Duration timeout) throws InterruptedException;
}
