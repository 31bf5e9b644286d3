package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.internal.Checks;

/**
 * Creates a symbolic link with the source's link text (never following it), or replaces the
 * non-directory entry the plan saw there.
 *
 * @param path the path relative to the conduit ends
 * @param direction which end is read and which is changed
 * @param source the facts of the link, with its target
 * @param expected the non-directory entry to replace, or empty to create
 */
public record CreateSymlink(String path, Direction direction, EntryFacts source, Optional<EntryFacts> expected)
        implements Operation {

    public CreateSymlink {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expected, "expected");
        if (source.kind() != EntryKind.SYMLINK || source.symlinkTarget().isEmpty()) {
            throw new IllegalArgumentException("not a symlink with a known target: " + path);
        }
        if (expected.isPresent() && expected.get().isDirectory()) {
            throw new IllegalArgumentException("a symlink cannot replace a directory (displace it first): " + path);
        }
    }

    @Override
    public Type type() {
        return Type.CREATE_SYMLINK;
    }

    /** The link text. */
    public String target() {
        return source.symlinkTarget().orElseThrow();
    }
}
