package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.internal.Checks;

/**
 * Removes an entry from the changed end through the conduit's delete strategy. Deletes run only
 * after every copy of the generation succeeded; a directory's delete comes after the deletes of
 * everything under it, and removes it only if it is then empty.
 *
 * @param path the path relative to the conduit ends
 * @param direction which end is read and which is changed (the entry is absent from the read end)
 * @param current the entry as the plan saw it
 */
public record Delete(String path, Direction direction, EntryFacts current) implements Operation {

    public Delete {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(current, "current");
    }

    @Override
    public Type type() {
        return Type.DELETE;
    }

    @Override
    public Optional<EntryFacts> expected() {
        return Optional.of(current);
    }

    /** Whether the entry is a directory. */
    public boolean directory() {
        return current.isDirectory();
    }
}
