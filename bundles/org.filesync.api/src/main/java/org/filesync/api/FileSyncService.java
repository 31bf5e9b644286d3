package org.filesync.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The filesync service: conduits and their runs. Every method that is refused throws a
 * {@link FileSyncException} whose message names the problem, and changes nothing.
 */
@ProviderType
public interface FileSyncService {

    /**
     * Checks and stores a new conduit.
     *
     * @throws InvalidEndpointException if an endpoint is relative, missing, not a directory, a
     *     symbolic link, the same as or nested in the other
     * @throws InvalidOptionException if an option is unknown or out of range
     * @throws DuplicateConduitException if a conduit already binds the same two directories
     */
    Conduit createConduit(ConduitSpec spec);

    /** The conduit with this id, if there is one. */
    Optional<Conduit> getConduit(long id);

    /** All conduits, by id. */
    List<Conduit> listConduits();

    /**
     * The sync modes, conflict strategies and delete strategies registered now: the names a new
     * conduit's options may use.
     */
    RegisteredPlugins registeredPlugins();

    /**
     * Replaces a conduit's options (its endpoints never change).
     *
     * @throws ConduitNotFoundException if there is no such conduit
     * @throws InvalidOptionException if an option is unknown or out of range
     */
    Conduit updateConduit(long id, ConduitOptions options);

    /**
     * Deletes a conduit and its history; the files at both ends are untouched.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    void deleteConduit(long id);

    /**
     * Starts a sync run: waits until the index of both ends has settled, resolves the plan,
     * applies the safety limits, records a new generation and dispatches its jobs; returns once
     * the jobs are dispatched.
     *
     * @param force run even if the plan deletes more than the conduit's max-delete share
     * @throws ConduitNotFoundException if there is no such conduit
     * @throws SyncRefusedException if the conduit is disabled or already syncing, the index did not
     *     settle in time, an endpoint is missing or unreadable, or a safety limit is exceeded
     */
    default SyncHandle syncNow(long id, boolean force) {
        return syncNow(id, force, Trigger.MANUAL);
    }

    /**
     * Starts a sync run as {@link #syncNow(long, boolean)} does, recording what started it in its
     * generation (a scheduler passes its own trigger; a person's request is {@link Trigger#MANUAL}).
     */
    SyncHandle syncNow(long id, boolean force, Trigger trigger);

    /**
     * The plan a sync run would carry out now, refused as {@link #syncNow} would refuse the run;
     * changes nothing, not even the generation counter.
     *
     * @param force plan as a forced run would: past the max-delete limit and an endpoint's lost
     *     marker
     * @throws ConduitNotFoundException if there is no such conduit
     * @throws SyncRefusedException if the conduit is disabled, the index did not settle in time, an
     *     endpoint is missing, unreadable or has lost its marker, or a safety limit is exceeded: with
     *     the message {@link #syncNow} gives
     */
    SyncPlan dryRun(long id, boolean force);

    /** {@link #dryRun(long, boolean)} of a run that is not forced. */
    default SyncPlan dryRun(long id) {
        return dryRun(id, false);
    }

    /** The runs in progress, by conduit id. */
    List<SyncProgress> activeRuns();

    /** The run of this conduit in progress, if there is one. */
    default Optional<SyncProgress> activeRun(long id) {
        return activeRuns().stream().filter(run -> run.conduitId() == id).findFirst();
    }

    /**
     * A conduit's generations, newest first.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    List<Generation> history(long id);

    /**
     * A conduit's pending conflicts, by path.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    List<PathConflict> conflicts(long id);

    /**
     * Every conflict a conduit's generations detected, pending and resolved (by a strategy or a
     * user), by path, then in the order they were detected.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     */
    List<PathConflict> conflictHistory(long id);

    /**
     * Resolves a pending conflict: the chosen end's state wins ({@link ConflictChoice#BOTH} keeps
     * the target's as a conflict copy beside the source's). The decision is applied by a sync run
     * started at once, or by the conduit's next run if one is under way; the loser goes through
     * the delete strategy as in every conflict.
     *
     * @param path the path relative to both ends, as {@link #conflicts} lists it
     * @return the conflict, resolved
     * @throws ConduitNotFoundException if there is no such conduit
     * @throws InvalidRequestException if the conduit has no pending conflict at that path
     */
    PathConflict resolveConflict(long id, String path, ConflictChoice choice);

    /**
     * Resolves a pending conflict as {@link #resolveConflict} does, and tells which run applies the
     * decision: the conduit's run in progress once the resolution returns (usually the one it
     * started), else the next sync.
     *
     * @throws ConduitNotFoundException if there is no such conduit
     * @throws InvalidRequestException if the conduit has no pending conflict at that path
     */
    default ConflictResolution resolveConflictAndReport(long id, String path, ConflictChoice choice) {
        PathConflict resolved = resolveConflict(id, path, choice);
        OptionalLong applyingGeneration =
                activeRun(id).stream().mapToLong(SyncProgress::generation).findFirst();
        return new ConflictResolution(resolved, choice, applyingGeneration);
    }
}
