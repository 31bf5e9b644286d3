package org.filesync.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ScheduleState;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage of conduits: their endpoints, options, statistics, last error and schedule
 * state. Every method is one transaction; a refused call stores nothing.
 */
@ProviderType
public interface ConduitStore {

    /**
     * Validates and stores a new conduit; its endpoints are stored with symlinks resolved.
     *
     * @throws org.filesync.api.InvalidEndpointException if an endpoint is unusable
     * @throws org.filesync.api.InvalidOptionException if a mode or strategy is unknown
     * @throws org.filesync.api.DuplicateConduitException if the pair is already bound
     */
    Conduit create(ConduitSpec spec);

    Optional<Conduit> get(long id);

    /** All conduits, by id. */
    List<Conduit> list();

    /** The enabled conduits, by id. */
    List<Conduit> listEnabled();

    /**
     * Replaces a conduit's options.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     * @throws org.filesync.api.InvalidOptionException if a mode or strategy is unknown
     */
    Conduit update(long id, ConduitOptions options);

    /**
     * Replaces a conduit's options and forgets what its ends agreed on, its baseline and its
     * checkpoint, so that its next run starts from both ends as they are (the agreed state of
     * another mode proves nothing).
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    Conduit updateForgettingAgreement(long id, ConduitOptions options);

    /**
     * Deletes a conduit with its generations, baseline and conflicts.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    void delete(long id);

    /**
     * Records the error of a failed or refused run as the conduit's last error.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    Conduit recordError(long id, String error);

    /**
     * Records a completed run: adds it to the statistics, sets the last completed time and clears
     * the last error.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    Conduit recordCompletedRun(long id, Instant completed, long files, long bytes);

    /**
     * Saves where a conduit's schedule stands (its next run, failures and hold).
     *
     * @return the conduit with that state
     * @throws ConduitNotFoundException if there is no such conduit
     */
    Conduit saveScheduleState(long id, ScheduleState state);
}
