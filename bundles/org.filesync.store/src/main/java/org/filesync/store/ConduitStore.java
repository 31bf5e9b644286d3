package org.filesync.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.PathConflict;
import org.filesync.api.ScheduleState;
import org.filesync.api.Trigger;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage of conduits and their generations. Every method is one transaction; a refused
 * call stores nothing.
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
     * Deletes a conduit and its generations.
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
     * Records the state both ends verifiably agreed on after a generation.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    void saveCheckpoint(long id, SequenceCheckpoint checkpoint);

    /** The last agreed state of a conduit's ends, if a generation was ever verified. */
    Optional<SequenceCheckpoint> checkpoint(long id);

    /**
     * Creates the conduit's next generation ({@link Generation.Phase#PLANNED}) with its planned
     * operations, and makes it the conduit's current generation.
     *
     * @param plannedOperations the plan, one line per operation (no line breaks inside a line)
     * @throws ConduitNotFoundException if there is no such conduit
     */
    default Generation startGeneration(long conduitId, Instant started, List<String> plannedOperations) {
        return startGeneration(conduitId, started, plannedOperations, Trigger.MANUAL);
    }

    /**
     * Creates the conduit's next generation as {@link #startGeneration(long, Instant, List)} does,
     * recording what started it.
     */
    Generation startGeneration(long conduitId, Instant started, List<String> plannedOperations, Trigger trigger);

    /**
     * Saves where a conduit's schedule stands (its next run, failures and hold).
     *
     * @return the conduit with that state
     * @throws ConduitNotFoundException if there is no such conduit
     */
    Conduit saveScheduleState(long id, ScheduleState state);

    /** The planned operations stored with a generation, empty if there is no such generation. */
    List<String> plannedOperations(long conduitId, long number);

    /**
     * Saves the progress or outcome of an existing generation.
     *
     * @throws IllegalArgumentException if the generation was never started
     */
    Generation saveGeneration(Generation generation);

    /** One generation of a conduit. */
    Optional<Generation> generation(long conduitId, long number);

    /** A conduit's generations, newest first. */
    List<Generation> history(long conduitId);

    /** Forgets the agreed state of a conduit's ends: its next resolution reads both ends in full. */
    void clearCheckpoint(long id);

    /**
     * Applies baseline changes in one transaction: records (replacing) the given entries and
     * forgets the given paths.
     */
    void updateBaseline(long conduitId, Collection<BaselineRecord> record, Collection<String> forget);

    /** Opens a read view of a conduit's baseline; close it when done. */
    BaselineReader openBaseline(long conduitId);

    /** Forgets a conduit's baseline (when its mode changes, its next bidirectional run is a union). */
    void clearBaseline(long conduitId);

    /**
     * Records the conflicts a generation detected, in one transaction. A pending conflict already
     * queued at a path is updated (facts, generation) rather than duplicated; a resolved one closes
     * it. Returns them as recorded, in the given order.
     */
    List<PathConflict> recordConflicts(long conduitId, long generation, List<DetectedConflict> conflicts, Instant at);

    /** A conduit's conflicts: only the pending ones, or all, by path then detection. */
    List<PathConflict> conflicts(long conduitId, boolean pendingOnly);

    /**
     * Resolves the pending conflict at a path with a user's choice; the decision waits to be
     * applied by a generation ({@link #userDecisions}).
     *
     * @throws org.filesync.api.InvalidRequestException if no conflict is pending at that path
     */
    PathConflict decideConflict(long conduitId, String path, String resolution, Instant at);

    /** The users' decisions no generation has applied yet, by path. */
    Map<String, String> userDecisions(long conduitId);

    /** Marks users' decisions applied by a generation. */
    void markDecisionsApplied(long conduitId, Collection<String> paths);
}
