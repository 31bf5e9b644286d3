package org.filesync.store;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.ConflictSide;

/**
 * A conflict as a generation detected it, to be recorded ({@link ConflictStore#recordConflicts}).
 *
 * @param path the path relative to both ends
 * @param type the conflict type's label, e.g. {@code both_modified}
 * @param source the source's facts, empty if the source deleted the entry
 * @param target the target's facts, empty if the target deleted the entry
 * @param resolution {@code source}, {@code target} or {@code both}, or empty for pending
 * @param resolvedBy the strategy that resolved it, or {@code user}
 */
public record DetectedConflict(
        String path,
        String type,
        Optional<ConflictSide> source,
        Optional<ConflictSide> target,
        Optional<String> resolution,
        String resolvedBy) {

    public DetectedConflict {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(resolvedBy, "resolvedBy");
    }
}
