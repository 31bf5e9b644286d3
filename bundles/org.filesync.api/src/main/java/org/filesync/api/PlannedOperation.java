package org.filesync.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One step of a sync plan, as shown to a user.
 *
 * @param action what happens: {@code mkdir}, {@code copy}, {@code replace}, {@code metadata},
 *     {@code symlink}, {@code move}, {@code delete}
 * @param path the path relative to the conduit's ends (of a move: its new path)
 * @param toTarget whether the step writes to the target (false: to the source, in bidirectional
 *     mode)
 * @param bytes the bytes to write
 * @param from the old path of a {@code move}, relative to the conduit's ends; empty otherwise
 */
public record PlannedOperation(String action, String path, boolean toTarget, long bytes, Optional<String> from) {

    public PlannedOperation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(from, "from");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes cannot be negative");
        }
    }

    /** A step that is not a move. */
    public PlannedOperation(String action, String path, boolean toTarget, long bytes) {
        this(action, path, toTarget, bytes, Optional.empty());
    }
}
