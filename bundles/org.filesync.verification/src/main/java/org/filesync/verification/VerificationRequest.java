package org.filesync.verification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.filesync.resolver.ResolveRequest;

/**
 * What to verify.
 *
 * @param resolution the resolution that must find nothing left to do: the very request the run was
 *     planned with (same checkpoint, baseline as it was before the generation, conflict strategy and
 *     users' decisions), so that planning and verification cannot judge the ends differently
 * @param touched every absolute path the generation wrote, replaced or removed; rescanned first
 * @param timeout the time the whole verification may take
 */
public record VerificationRequest(ResolveRequest resolution, Set<Path> touched, Duration timeout) {

    public VerificationRequest {
        Objects.requireNonNull(resolution, "resolution");
        touched = Set.copyOf(touched);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the verification timeout must be positive");
        }
    }

    /** The conduit, as the resolver names it. */
    public String conduitId() {
        return resolution.conduitId();
    }

    /** The source endpoint (absolute). */
    public Path source() {
        return resolution.source().path();
    }

    /** The target endpoint (absolute). */
    public Path target() {
        return resolution.target().path();
    }
}
