package org.filesync.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.filesync.api.PathConflict;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage of each conduit's conflicts: the queue of pending ones, the resolved ones, and
 * the users' decisions waiting for a generation to apply them. Every method is one transaction.
 */
@ProviderType
public interface ConflictStore {

    /**
     * Records the conflicts a generation detected. A pending conflict already queued at a path is
     * updated (facts, generation) rather than duplicated; a resolved one closes it. Returns them as
     * recorded, in the given order.
     */
    List<PathConflict> recordConflicts(long conduitId, long generation, List<DetectedConflict> conflicts, Instant at);

    /** A conduit's pending conflicts, by path then detection. */
    List<PathConflict> pendingConflicts(long conduitId);

    /** All of a conduit's conflicts, pending and resolved, by path then detection. */
    List<PathConflict> allConflicts(long conduitId);

    /**
     * Resolves the pending conflict at a path with a user's choice; the decision waits to be
     * applied by a generation ({@link #decisionsToApply}). The conduit's checkpoint is forgotten
     * with it: the path may lie behind it, so the next resolution reads both ends in full.
     *
     * @throws org.filesync.api.ConduitNotFoundException if there is no such conduit
     * @throws org.filesync.api.InvalidRequestException if no conflict is pending at that path
     */
    PathConflict decideConflict(long conduitId, String path, String resolution, Instant at);

    /** The users' decisions no generation has applied yet, by path. */
    Map<String, String> decisionsToApply(long conduitId);
}
