package org.filesync.resolver.conflict;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Operation;
import org.filesync.resolver.internal.Checks;

/**
 * Copies a file (or symlink) within one end to a new path beside it — a conflict's loser kept as
 * its conflict copy — before any displacement, copy or delete of the generation, so the copy exists
 * before the original is overwritten. It never replaces anything: {@link #path()} must be free.
 * The direction's {@link Direction#to()} end is both read and changed.
 *
 * @param path the new path, relative to the conduit ends
 * @param original the path whose entry is copied
 * @param direction {@code to()} names the end the copy is made on
 * @param current the entry at {@code original} as the plan saw it; the job re-checks it
 */
public record Preserve(String path, String original, Direction direction, EntryFacts current) implements Operation {

    public Preserve {
        Checks.relativePath(path);
        Checks.relativePath(original);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(current, "current");
        if (current.isDirectory()) {
            throw new IllegalArgumentException("a directory is not preserved by copy: " + original);
        }
        if (path.equals(original)) {
            throw new IllegalArgumentException("a preserved copy needs a new path: " + path);
        }
    }

    @Override
    public Type type() {
        return Type.PRESERVE;
    }

    @Override
    public Optional<EntryFacts> expected() {
        return Optional.empty();
    }

    @Override
    public long bytes() {
        return current.size();
    }
}
