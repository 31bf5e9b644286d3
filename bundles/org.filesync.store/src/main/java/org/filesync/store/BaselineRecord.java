package org.filesync.store;

import java.util.Objects;
import org.filesync.api.path.EntryFacts;

/**
 * One entry of a conduit's stored baseline: the state both ends agreed on at a path.
 *
 * @param path the path relative to both ends
 * @param facts what both ends held there
 */
public record BaselineRecord(String path, EntryFacts facts) {

    public BaselineRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(facts, "facts");
    }
}
