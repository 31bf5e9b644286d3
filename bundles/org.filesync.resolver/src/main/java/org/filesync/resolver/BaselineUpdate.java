package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.internal.Checks;

/**
 * A change to a conduit's {@link Baseline} that a plan found: both ends now agree on a path the
 * baseline records differently (record {@link #agreed()}), or neither end has a path the baseline
 * still records (forget it: {@link #agreed()} empty). The caller applies the updates of a plan that
 * read the ends after a generation, so the baseline changes only where the ends really agree.
 *
 * @param path the path relative to the conduit ends
 * @param agreed the facts both ends hold now, or empty to forget the path
 */
public record BaselineUpdate(String path, Optional<EntryFacts> agreed) {

    public BaselineUpdate {
        Checks.relativePath(path);
        Objects.requireNonNull(agreed, "agreed");
    }

    /** Both ends hold these facts at the path. */
    public static BaselineUpdate record(String path, EntryFacts agreed) {
        return new BaselineUpdate(path, Optional.of(agreed));
    }

    /** Neither end holds the path any more. */
    public static BaselineUpdate forget(String path) {
        return new BaselineUpdate(path, Optional.empty());
    }
}
