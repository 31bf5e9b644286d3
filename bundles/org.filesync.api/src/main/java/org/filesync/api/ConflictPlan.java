package org.filesync.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A conflict a plan found and what the run does about it, as the conduit's conflict strategy (or a
 * user's decision) settled it: the same decision a dry run shows and the real run carries out.
 *
 * @param path the path relative to both ends
 * @param type {@code both_modified}, {@code deleted_vs_modified} or {@code type_mismatch}
 * @param source the source end's entry, or empty if the source deleted it
 * @param target the target end's entry, or empty if the target deleted it
 * @param strategy the conflict strategy that decided ({@code newest-wins}, …), or {@code user}
 * @param winner the end whose state wins ({@code source} or {@code target}: its content, or its
 *     deletion, reaches the other end), or empty while the conflict waits for a user
 * @param keepsBoth whether the losing version is also kept beside the winner, as a conflict copy
 *     on both ends
 */
public record ConflictPlan(
        String path,
        String type,
        Optional<ConflictSide> source,
        Optional<ConflictSide> target,
        String strategy,
        Optional<String> winner,
        boolean keepsBoth) {

    public ConflictPlan {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(winner, "winner");
        winner.filter(side -> !side.equals("source") && !side.equals("target")).ifPresent(side -> {
            throw new IllegalArgumentException("the winner is source or target, not " + side);
        });
        if (winner.isEmpty() && keepsBoth) {
            throw new IllegalArgumentException("a pending conflict keeps nothing");
        }
    }

    /** Whether the conflict waits for a user: nothing changes at the path. */
    public boolean pending() {
        return winner.isEmpty();
    }

    /**
     * The word the conflict queue records as the resolution ({@link PathConflict#resolution()}):
     * {@code source}, {@code target}, {@code both}, or {@code pending}.
     */
    public String resolution() {
        return keepsBoth ? "both" : winner.orElse("pending");
    }
}
