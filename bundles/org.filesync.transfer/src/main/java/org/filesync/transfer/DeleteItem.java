package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Objects;
import org.filesync.api.path.EntryFacts;

/**
 * One entry to delete: a file, a symbolic link (removed as a link) or a directory (removed only
 * when, after the job's other deletes, it holds nothing).
 *
 * @param path the absolute path, inside the options' endpoint
 * @param expected what the plan saw there. The job acts only if the entry still matches: same
 *     kind; for a file or a special file the same size and modification time (to the millisecond)
 *     and, when given, the same content hash; for a symbolic link the same link target when given.
 *     A directory matches by kind alone.
 */
public record DeleteItem(Path path, EntryFacts expected) {

    public DeleteItem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("delete path must be absolute: " + path);
        }
    }
}
