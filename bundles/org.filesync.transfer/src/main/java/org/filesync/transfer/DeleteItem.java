package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry to delete: a file, a symbolic link (removed as a link) or a directory (removed only
 * when, after the job's other deletes, it holds nothing).
 *
 * @param path the absolute path, inside the options' endpoint
 * @param expected what the plan saw there
 */
public record DeleteItem(Path path, ExpectedState expected) {

    public DeleteItem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("delete path must be absolute: " + path);
        }
    }
}
