package org.filesync.service.internal;

import org.filesync.api.Conduit;
import org.filesync.api.SyncRefusedException;

/**
 * The max-delete limit (docs/guarantees.md): a run may not delete more than the conduit's share of
 * the files on a side (each side on its own; emptying a side counts as 100 %), unless forced.
 */
final class SafetyLimits {

    private SafetyLimits() {}

    static void check(Conduit conduit, ResolvedRun plan, boolean force) {
        if (force) {
            return;
        }
        int limit = conduit.options().maxDeletePercent();
        for (ResolvedRun.SideCounts side : plan.sides()) {
            if (side.deletions() == 0) {
                continue;
            }
            double percent = side.files() == 0 ? 100.0 : 100.0 * side.deletions() / side.files();
            if (percent > limit) {
                throw new SyncRefusedException(
                        SyncRefusedException.Reason.SAFETY_LIMIT,
                        String.format(
                                "Refusing to delete %d of %d files (%.0f %%) in %s: conduit %d allows %d %%;"
                                        + " check the source, or run with --force",
                                side.deletions(), side.files(), percent, side.endpoint(), conduit.id(), limit));
            }
        }
    }
}
