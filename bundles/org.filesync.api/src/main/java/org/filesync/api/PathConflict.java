package org.filesync.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conflict of a bidirectional conduit (docs/sync-modes.md): a path both ends changed incompatibly.
 *
 * @param conduitId the conduit
 * @param generation the generation that last detected it
 * @param path the path relative to both ends
 * @param type {@code both_modified}, {@code deleted_vs_modified} or {@code type_mismatch}
 * @param source the source end's entry, or empty if the source deleted it
 * @param target the target end's entry, or empty if the target deleted it
 * @param status pending (waits for a user) or resolved
 * @param resolution how it was resolved: {@code source}, {@code target} or {@code both}
 * @param resolvedBy the strategy that resolved it, or {@code user}
 * @param detected when it was first detected
 * @param resolved when it was resolved
 */
public record PathConflict(
        long conduitId,
        long generation,
        String path,
        String type,
        Optional<ConflictSide> source,
        Optional<ConflictSide> target,
        Status status,
        Optional<String> resolution,
        Optional<String> resolvedBy,
        Instant detected,
        Optional<Instant> resolved) {

    /** Whether a conflict still waits for a user. */
    public enum Status {
        /** Nothing changes at the path until a user resolves it. */
        PENDING,
        /** Settled by a strategy or a user. */
        RESOLVED;

        /** {@code pending} or {@code resolved}. */
        public String label() {
            return name().toLowerCase();
        }
    }

    public PathConflict {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(resolvedBy, "resolvedBy");
        Objects.requireNonNull(detected, "detected");
        Objects.requireNonNull(resolved, "resolved");
        if ((status == Status.RESOLVED) != resolution.isPresent()) {
            throw new IllegalArgumentException("a resolved conflict, and only it, has a resolution");
        }
    }

    /** Whether the conflict waits for a user. */
    public boolean pending() {
        return status == Status.PENDING;
    }
}
