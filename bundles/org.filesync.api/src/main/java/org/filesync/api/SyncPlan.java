package org.filesync.api;

import java.util.List;

/**
 * What a sync run of a conduit does, computed from the index.
 *
 * @param conduitId the conduit
 * @param operations every step, copies first, then deletes
 * @param copies steps that write a file's content
 * @param deletes entries removed from an endpoint
 * @param moves files and directories renamed within an endpoint instead of copied and deleted
 * @param conflicts conflicts detected
 * @param bytes bytes to write
 * @param ignored how many entries the conduit's ignore rules kept out (counted when an end is read
 *     in full)
 * @param kept directories the plan keeps although it would remove them, because they hold ignored
 *     entries: one warning line each
 * @param conflictPlans each conflict detected, by path, with what the run does about it
 */
public record SyncPlan(
        long conduitId,
        List<PlannedOperation> operations,
        long copies,
        long deletes,
        long moves,
        long conflicts,
        long bytes,
        long ignored,
        List<String> kept,
        List<ConflictPlan> conflictPlans) {

    public SyncPlan {
        operations = List.copyOf(operations);
        kept = List.copyOf(kept);
        conflictPlans = List.copyOf(conflictPlans);
        if (copies < 0 || deletes < 0 || moves < 0 || conflicts < 0 || bytes < 0 || ignored < 0) {
            throw new IllegalArgumentException("plan counts cannot be negative");
        }
    }

    /** A plan without moves. */
    public SyncPlan(
            long conduitId,
            List<PlannedOperation> operations,
            long copies,
            long deletes,
            long conflicts,
            long bytes,
            long ignored,
            List<String> kept,
            List<ConflictPlan> conflictPlans) {
        this(conduitId, operations, copies, deletes, 0, conflicts, bytes, ignored, kept, conflictPlans);
    }

    /** A plan without moves whose conflicts are only counted. */
    public SyncPlan(
            long conduitId,
            List<PlannedOperation> operations,
            long copies,
            long deletes,
            long conflicts,
            long bytes,
            long ignored,
            List<String> kept) {
        this(conduitId, operations, copies, deletes, 0, conflicts, bytes, ignored, kept, List.of());
    }

    /** Whether the plan changes nothing. */
    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /**
     * The counts in words, singular for one, moves and conflicts only when there are some: {@code 1
     * operation, 1 copy, 0 deletes, 5 bytes}; the dry-run summary of the shell and the HTTP API.
     */
    public String counts() {
        return count(operations.size(), "operation", "operations") + ", " + count(copies, "copy", "copies") + ", "
                + count(deletes, "delete", "deletes") + ", "
                + (moves > 0 ? count(moves, "move", "moves") + ", " : "")
                + (conflicts > 0 ? count(conflicts, "conflict", "conflicts") + ", " : "")
                + count(bytes, "byte", "bytes");
    }

    private static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
