package org.filesync.resolver.conflict;

import java.util.Objects;
import java.util.Optional;
import org.filesync.resolver.Side;

/**
 * How a conflict is settled: the winning end's state (its content, or its deletion) reaches the
 * other end, and the loser's overwritten state goes through the delete strategy; with {@link
 * #keepLoser()} the loser is also kept beside the winner on both ends as a conflict copy. No winner
 * means pending: nothing changes at the path until a user decides.
 *
 * @param winner the end whose state wins, or empty for a pending conflict
 * @param keepLoser whether the losing file is kept as a conflict copy on both ends
 */
public record ConflictDecision(Optional<Side> winner, boolean keepLoser) {

    public ConflictDecision {
        Objects.requireNonNull(winner, "winner");
        if (winner.isEmpty() && keepLoser) {
            throw new IllegalArgumentException("a pending conflict keeps nothing");
        }
    }

    /** That end's state wins; the loser goes through the delete strategy. */
    public static ConflictDecision wins(Side winner) {
        return new ConflictDecision(Optional.of(winner), false);
    }

    /** That end's state stays at the path; the loser is kept as a conflict copy on both ends. */
    public static ConflictDecision keepBoth(Side winner) {
        return new ConflictDecision(Optional.of(winner), true);
    }

    /** Nothing changes; the conflict waits for a user. */
    public static ConflictDecision pending() {
        return new ConflictDecision(Optional.empty(), false);
    }

    /** Whether the conflict waits for a user. */
    public boolean isPending() {
        return winner.isEmpty();
    }

    /** The word the conflict queue stores: {@code source}, {@code target}, {@code both} or {@code pending}. */
    public String describe() {
        return winner.map(side -> keepLoser ? "both" : side.name().toLowerCase())
                .orElse("pending");
    }
}
