package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.internal.Checks;

/**
 * Sets mode and mtime from the source on an entry whose content already agrees: no data is copied.
 * Updates of directories come after every creation of the plan's copy phase, deepest first,
 * because writing inside a directory changes its mtime.
 *
 * @param path the path relative to the conduit ends
 * @param direction which end is read and which is changed
 * @param source the facts to apply
 * @param current the entry the plan saw at the changed end (same kind, and same content for files)
 */
public record UpdateMetadata(String path, Direction direction, EntryFacts source, EntryFacts current)
        implements Operation {

    public UpdateMetadata {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(current, "current");
        if (source.kind() != current.kind()) {
            throw new IllegalArgumentException("a metadata update needs the same kind on both ends: " + path);
        }
    }

    @Override
    public Type type() {
        return Type.UPDATE_METADATA;
    }

    @Override
    public Optional<EntryFacts> expected() {
        return Optional.of(current);
    }
}
