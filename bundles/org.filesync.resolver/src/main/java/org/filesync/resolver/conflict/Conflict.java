package org.filesync.resolver.conflict;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Side;
import org.filesync.resolver.internal.Checks;

/**
 * A path both ends changed incompatibly since the baseline: what a conflict strategy decides on.
 *
 * @param path the path relative to the conduit ends
 * @param type the kind of conflict
 * @param source the source end's entry, or empty if the source deleted it (or never had it)
 * @param target the target end's entry, or empty if the target deleted it (or never had it)
 * @param baseline the agreed entry before both changes, or empty (created on both ends, or the
 *     conduit's first run)
 */
public record Conflict(
        String path,
        ConflictType type,
        Optional<EntryFacts> source,
        Optional<EntryFacts> target,
        Optional<EntryFacts> baseline) {

    public Conflict {
        Checks.relativePath(path);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(baseline, "baseline");
        if (source.isEmpty() && target.isEmpty()) {
            throw new IllegalArgumentException("deleted on both ends is not a conflict: " + path);
        }
        if ((type == ConflictType.DELETED_VS_MODIFIED) != (source.isEmpty() || target.isEmpty())) {
            throw new IllegalArgumentException(type.label() + " does not match the entries at " + path);
        }
    }

    /** The entry of one end, empty where that end deleted it. */
    public Optional<EntryFacts> side(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    /** The end that deleted the entry, for a {@link ConflictType#DELETED_VS_MODIFIED} conflict. */
    public Optional<Side> deletingSide() {
        if (source.isEmpty()) {
            return Optional.of(Side.SOURCE);
        }
        return target.isEmpty() ? Optional.of(Side.TARGET) : Optional.empty();
    }
}
