package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Objects;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;

/**
 * The entry of the target endpoint that a {@link CopyItem} renames into place instead of copying:
 * the plan found it holds what the source holds at the copy's path. The job renames it only if it
 * still matches {@code expected} (re-checked as before an overwrite, see {@link DeleteItem}) and
 * nothing stands at the copy's target; otherwise it copies from the source as usual and leaves this
 * entry for the delete phase.
 *
 * @param path the absolute path of the entry to rename, inside the options' endpoint
 * @param expected what the plan saw there: a file or a directory
 */
public record MoveOrigin(Path path, EntryFacts expected) {

    public MoveOrigin {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("move origin must be absolute: " + path);
        }
        if (!expected.isDirectory() && expected.kind() != EntryKind.FILE) {
            throw new IllegalArgumentException("only a file or a directory moves: " + path);
        }
    }
}
