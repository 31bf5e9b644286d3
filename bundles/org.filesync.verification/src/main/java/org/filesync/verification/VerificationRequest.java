package org.filesync.verification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.Checkpoint;

/**
 * What to verify.
 *
 * @param conduitId the conduit, as the resolver names it
 * @param source the source endpoint (absolute)
 * @param target the target endpoint (absolute)
 * @param mode the conduit's sync mode
 * @param checkpoint the last agreed checkpoint, for an incremental resolution; empty for a full one
 * @param touched every absolute path the generation wrote, replaced or removed; rescanned first
 * @param timeout the time the whole verification may take
 * @param baseline the conduit's agreed state before the generation (for modes that use one)
 * @param conflictStrategy the conduit's conflict strategy
 */
public record VerificationRequest(
        String conduitId,
        Path source,
        Path target,
        String mode,
        Optional<Checkpoint> checkpoint,
        Set<Path> touched,
        Duration timeout,
        Baseline baseline,
        String conflictStrategy) {

    public VerificationRequest {
        Objects.requireNonNull(conduitId, "conduitId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(checkpoint, "checkpoint");
        touched = Set.copyOf(touched);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(conflictStrategy, "conflictStrategy");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the verification timeout must be positive");
        }
    }
}
