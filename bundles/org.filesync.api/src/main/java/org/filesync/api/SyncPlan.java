package org.filesync.api;

import java.util.List;

/**
 * What a sync run of a conduit does, computed from the index.
 *
 * @param conduitId the conduit
 * @param operations every step, copies first, then deletes
 * @param copies steps that write a file's content
 * @param deletes entries removed from an endpoint
 * @param conflicts conflicts detected
 * @param bytes bytes to write
 */
public record SyncPlan(
        long conduitId, List<PlannedOperation> operations, long copies, long deletes, long conflicts, long bytes) {

    public SyncPlan {
        operations = List.copyOf(operations);
        if (copies < 0 || deletes < 0 || conflicts < 0 || bytes < 0) {
            throw new IllegalArgumentException("plan counts cannot be negative");
        }
    }

    /** Whether the plan changes nothing. */
    public boolean isEmpty() {
        return operations.isEmpty();
    }
}
