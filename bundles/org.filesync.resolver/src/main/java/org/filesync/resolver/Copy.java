package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.internal.Checks;

/**
 * Writes a file's content, mode and mtime to the changed end: creates it when {@link #expected()}
 * is empty, else replaces the file or symlink the plan saw there (never a directory: that is first
 * {@link Displace displaced}).
 *
 * @param path the path relative to the conduit ends
 * @param direction which end is read and which is changed
 * @param source the facts of the file to copy; the job verifies the hash while copying
 * @param expected the non-directory entry to replace, or empty to create
 */
public record Copy(String path, Direction direction, EntryFacts source, Optional<EntryFacts> expected)
        implements Operation {

    public Copy {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expected, "expected");
        if (source.kind() != EntryKind.FILE) {
            throw new IllegalArgumentException("a copy writes a file, not a " + source.kind() + ": " + path);
        }
        if (expected.isPresent() && expected.get().isDirectory()) {
            throw new IllegalArgumentException("a copy cannot replace a directory (displace it first): " + path);
        }
    }

    @Override
    public Type type() {
        return Type.COPY;
    }

    @Override
    public long bytes() {
        return source.size();
    }

    /** Whether an existing entry is replaced. */
    public boolean replaces() {
        return expected.isPresent();
    }
}
