package org.filesync.api;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A conflict a user resolved ({@link FileSyncService#resolveConflictAndReport}) and the run that
 * applies the decision: what the shell prints and the HTTP API answers.
 *
 * @param conflict the conflict, resolved
 * @param choice the side the user chose
 * @param applyingGeneration the generation of the conduit's run under way, which applies the
 *     decision; empty when the next sync applies it
 */
public record ConflictResolution(PathConflict conflict, ConflictChoice choice, OptionalLong applyingGeneration) {

    public ConflictResolution {
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(applyingGeneration, "applyingGeneration");
    }

    /**
     * One line, e.g. {@code Conflict at a.txt of conduit 3 resolved: use target; generation 8
     * applies it}, or {@code …; the next sync applies it}.
     */
    public String message() {
        String applied = applyingGeneration.isPresent()
                ? "generation " + applyingGeneration.getAsLong() + " applies it"
                : "the next sync applies it";
        return "Conflict at " + PrintablePaths.printable(conflict.path()) + " of conduit " + conflict.conduitId()
                + " resolved: use " + choice.label() + "; " + applied;
    }
}
