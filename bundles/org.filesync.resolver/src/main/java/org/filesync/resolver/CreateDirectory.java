package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.internal.Checks;

/**
 * Creates a directory the plan saw absent at the changed end. It comes before any operation under
 * it; the job sets its mode and mtime after its content is written.
 *
 * @param path the path relative to the conduit ends
 * @param direction which end is read and which is changed
 * @param source the facts of the directory to create
 */
public record CreateDirectory(String path, Direction direction, EntryFacts source) implements Operation {

    public CreateDirectory {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(source, "source");
        if (!source.isDirectory()) {
            throw new IllegalArgumentException("not a directory: " + path);
        }
    }

    @Override
    public Type type() {
        return Type.CREATE_DIRECTORY;
    }

    @Override
    public Optional<EntryFacts> expected() {
        return Optional.empty();
    }
}
