package org.filesync.resolver;

import java.util.Objects;
import java.util.Optional;

/**
 * Removes, through the conduit's delete strategy (the trash by default, so nothing is lost), the
 * entry that blocks a creation of another kind at the same path — a directory where a file or
 * symlink must land, or a file, symlink or special file where a directory must — together with
 * everything under it. It is part of the copy phase and comes immediately before that creation.
 *
 * @param path the path relative to the conduit ends
 * @param direction which end is read and which is changed
 * @param current the blocking entry as the plan saw it
 * @param descendants the number of entries under a blocking directory (0 otherwise)
 * @param descendantFiles how many of those are not directories
 */
public record Displace(String path, Direction direction, EntryFacts current, long descendants, long descendantFiles)
        implements Operation {

    public Displace {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(current, "current");
        Checks.notNegative(descendants, "descendants");
        Checks.notNegative(descendantFiles, "descendantFiles");
        if (descendantFiles > descendants || (!current.isDirectory() && descendants > 0)) {
            throw new IllegalArgumentException("inconsistent descendant counts: " + path);
        }
    }

    @Override
    public Type type() {
        return Type.DISPLACE;
    }

    @Override
    public Optional<EntryFacts> expected() {
        return Optional.of(current);
    }

    /** Whether the blocking entry is a directory (removed with its whole subtree). */
    public boolean directory() {
        return current.isDirectory();
    }
}
