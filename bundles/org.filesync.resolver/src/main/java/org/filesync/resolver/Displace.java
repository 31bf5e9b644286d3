package org.filesync.resolver;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.internal.Checks;

/**
 * Removes, through the conduit's delete strategy (the trash by default, so nothing is lost), the
 * entry that blocks a creation of another kind at the same path — a directory where a file or
 * symlink must land, or a file, symlink or special file where a directory must — together with
 * everything under it. It is part of the copy phase and comes immediately before that creation.
 *
 * <p>A blocking directory carries its subtree as the index saw it when the plan was made: each
 * entry is re-checked and removed like a {@link Delete}, deepest first, and the directory goes only
 * once it is empty, so that an entry a user added after planning stops the displacement.
 *
 * @param path the path relative to the conduit ends
 * @param direction which end is read and which is changed
 * @param current the blocking entry as the plan saw it
 * @param subtree the entries under a blocking directory, in {@link
 *     org.filesync.index.IndexEntry#PATH_ORDER} (empty for any other entry)
 */
public record Displace(String path, Direction direction, EntryFacts current, List<Delete> subtree)
        implements Operation {

    public Displace {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(current, "current");
        subtree = List.copyOf(subtree);
        if (!current.isDirectory() && !subtree.isEmpty()) {
            throw new IllegalArgumentException("only a directory has a subtree to displace: " + path);
        }
        for (Delete under : subtree) {
            if (!under.path().startsWith(path + "/") || under.direction() != direction) {
                throw new IllegalArgumentException(
                        under.path() + " is not under the displaced " + path + " on the same end");
            }
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

    /** The number of entries under a blocking directory (0 otherwise). */
    public long descendants() {
        return subtree.size();
    }

    /** How many of the entries under a blocking directory are not directories. */
    public long descendantFiles() {
        return subtree.stream().filter(under -> !under.directory()).count();
    }
}
