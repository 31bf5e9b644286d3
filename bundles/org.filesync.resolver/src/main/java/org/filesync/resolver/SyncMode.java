package org.filesync.resolver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A sync mode plug-in: turns a conduit's two ends into a {@link Plan}. Register it as an OSGi
 * service with the property {@link #PROPERTY} naming the mode; among services of one name, the
 * highest {@code service.ranking} wins, then the lowest {@code service.id}. Modes come and go at
 * runtime; a conduit whose mode is absent fails to resolve with an error naming it.
 *
 * <p>An implementation reads the ends only through the {@link ResolutionContext}, must not keep
 * state between calls, and returns a plan carrying {@link ResolutionContext#current()} as its
 * checkpoint. It should use {@link ResolutionContext#checkpoint()}, when present, to read only the
 * changed entries; the plan must not depend on which way it was computed.
 */
@ConsumerType
public interface SyncMode {

    /** The service property naming the mode, e.g. {@code filesync.mode=mirror}. */
    String PROPERTY = "filesync.mode";

    /** Computes the plan of one resolution. */
    Plan resolve(ResolutionContext context);

    /**
     * Whether the mode judges the ends against a {@link Baseline} (the state both ends agreed on),
     * so that what a failed generation did sync must still be recorded as agreed. A mode that
     * compares the ends with each other only (mirror) keeps none.
     */
    default boolean keepsBaseline() {
        return false;
    }
}
