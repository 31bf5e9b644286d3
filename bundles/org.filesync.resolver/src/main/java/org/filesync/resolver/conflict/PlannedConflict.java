package org.filesync.resolver.conflict;

import java.util.Objects;
import java.util.Optional;
import org.filesync.resolver.internal.Checks;

/**
 * A conflict a plan found, and what the plan does about it.
 *
 * @param conflict the conflict
 * @param strategy the name of the strategy that decided ({@code filesync.conflict}), or {@code user}
 *     for a decision given with the request
 * @param decision the decision the plan's operations carry out
 * @param conflictCopy the path of the loser's conflict copy on both ends, when the decision keeps it
 */
public record PlannedConflict(
        Conflict conflict, String strategy, ConflictDecision decision, Optional<String> conflictCopy) {

    public PlannedConflict {
        Objects.requireNonNull(conflict, "conflict");
        Checks.notBlank(strategy, "strategy");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(conflictCopy, "conflictCopy");
        conflictCopy.ifPresent(Checks::relativePath);
    }

    /** The conflict's path. */
    public String path() {
        return conflict.path();
    }
}
