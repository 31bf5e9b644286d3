package org.filesync.service.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.filesync.api.SyncPlan;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteRequest;

/**
 * A resolved plan in the form the service runs it: the summary users see (also the dry-run
 * answer), the facts the safety limits need, the lines stored with the generation, and the copy
 * and delete requests, built once the generation number is known.
 */
interface ResolvedRun {

    /**
     * Deletion facts of one endpoint.
     *
     * @param endpoint the endpoint
     * @param files the files (not directories) it holds now
     * @param deletions the files the plan deletes there
     */
    record SideCounts(Path endpoint, long files, long deletions) {
        public SideCounts {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    SyncPlan summary();

    /** The conflicts the plan found, with their decisions. */
    List<PlannedConflict> conflicts();

    /** The paths of the users' decisions the plan was resolved with. */
    Set<String> decisions();

    /**
     * Conflict copies (a loser copied beside itself on its own end), made before anything else so
     * that they exist before the loser is replaced.
     */
    List<CopyRequest> preservations(String generation);

    /** For each endpoint: its files and the files the plan deletes there. */
    List<SideCounts> sides();

    /** The operations, one line each, stored with the generation. */
    List<String> lines();

    /**
     * Entries that block a path the copies need (a file where a directory goes, or the reverse),
     * moved away through the delete strategy before any copy starts.
     */
    List<DeleteRequest> displacements(String generation);

    /** Paths the resolver could not plan (e.g. unreadable), each {@code path: reason}; they fail the run. */
    List<String> skipped();

    /** The copy requests of the run, one per endpoint written to; dispatched after the displacements. */
    List<CopyRequest> copies(String generation);

    /**
     * The delete requests of the run, one per endpoint; dispatched only after every copy succeeded.
     * Built after the copies: they include the old paths of the moves the copies did not do.
     */
    List<DeleteRequest> deletes(String generation);

    /**
     * What the copies did with the planned moves.
     *
     * @param moved the moves done (their old path is gone)
     * @param filesCopiedInstead the files the copy jobs copied from the source for the moves they
     *     could not do (one for a file, the files of its subtree for a directory)
     */
    record MovesDone(long moved, long filesCopiedInstead) {}

    /** After the copies: what they did with the planned moves. */
    MovesDone movesDone();

    /** Every absolute path the run writes, replaces or removes. */
    Set<Path> touched();

    /** The copy targets that receive file content (counted as {@code copied} when they succeed). */
    Set<Path> contentTargets();
}
