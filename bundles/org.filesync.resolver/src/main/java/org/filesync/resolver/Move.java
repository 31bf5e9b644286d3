package org.filesync.resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.internal.Checks;

/**
 * Renames an entry of the changed end, a file or a whole directory, from {@link #from()} to {@link
 * #path()}, instead of copying the content again and deleting the old name: the read end holds at
 * {@code path} what the changed end holds at {@code from}. It is part of the copy phase, in {@link
 * org.filesync.index.IndexEntry#PATH_ORDER} of its new path (after the directories it needs). The
 * job re-checks {@code from} against {@link #current()} as before an overwrite and that nothing
 * stands at {@code path}; when the rename cannot be done, it falls back to a copy of {@code path}
 * from the read end and a delete of {@code from} (with {@link #subtree()}) in the delete phase. A
 * move is neither a copy nor a delete: it needs no trash entry and the delete limits do not count
 * it.
 *
 * @param path the new path, relative to the conduit ends; the plan saw nothing there on the changed
 *     end
 * @param direction which end is read and which is changed
 * @param from the old path on the changed end, absent from the read end
 * @param source the facts of the entry at {@code path} on the read end: mode and mtime to give the
 *     moved entry
 * @param current the entry at {@code from} on the changed end as the plan saw it: a file of the same
 *     content as {@code source}, or a directory whose subtree matches the read end's
 * @param subtree the entries under a moved directory as the plan saw them, in {@link
 *     org.filesync.index.IndexEntry#PATH_ORDER} (empty for a file): what the fallback deletes
 */
public record Move(
        String path, Direction direction, String from, EntryFacts source, EntryFacts current, List<Delete> subtree)
        implements Operation {

    public Move {
        Checks.relativePath(path);
        Objects.requireNonNull(direction, "direction");
        Checks.relativePath(from);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(current, "current");
        subtree = List.copyOf(subtree);
        if (path.equals(from)) {
            throw new IllegalArgumentException("a move needs two different paths: " + path);
        }
        if (source.kind() != current.kind()
                || source.kind() != EntryKind.FILE && source.kind() != EntryKind.DIRECTORY) {
            throw new IllegalArgumentException(
                    "a move renames a file or a directory onto the same kind: " + from + " -> " + path);
        }
        if (source.kind() == EntryKind.FILE && !source.sameContent(current)) {
            throw new IllegalArgumentException(
                    "a moved file must have the same size and hash: " + from + " -> " + path);
        }
        if (source.kind() == EntryKind.FILE && !subtree.isEmpty()) {
            throw new IllegalArgumentException("only a directory has a subtree to move: " + from);
        }
        if (path.startsWith(from + "/") || from.startsWith(path + "/")) {
            throw new IllegalArgumentException("a directory cannot move into itself: " + from + " -> " + path);
        }
        for (Delete under : subtree) {
            if (!under.path().startsWith(from + "/") || under.direction() != direction) {
                throw new IllegalArgumentException(
                        under.path() + " is not under the moved " + from + " on the same end");
            }
        }
    }

    @Override
    public Type type() {
        return Type.MOVE;
    }

    /** Nothing: the plan saw no entry at the new path. */
    @Override
    public Optional<EntryFacts> expected() {
        return Optional.empty();
    }

    /** Whether a whole directory moves. */
    public boolean directory() {
        return current.isDirectory();
    }

    /** The deletes that replace the move when it falls back: the subtree, then the old path itself. */
    public List<Delete> fallbackDeletes() {
        List<Delete> all = new ArrayList<>(subtree);
        all.add(new Delete(from, direction, current));
        return List.copyOf(all);
    }
}
