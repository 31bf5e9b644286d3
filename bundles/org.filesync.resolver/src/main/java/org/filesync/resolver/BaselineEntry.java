package org.filesync.resolver;

import java.util.Objects;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.internal.Checks;

/**
 * One agreed entry of a {@link Baseline}.
 *
 * @param path the path relative to the conduit ends
 * @param facts what both ends held there
 */
public record BaselineEntry(String path, EntryFacts facts) {

    public BaselineEntry {
        Checks.relativePath(path);
        Objects.requireNonNull(facts, "facts");
    }
}
