package org.filesync.api;

import java.util.Objects;

/**
 * One step of a sync plan, as shown to a user.
 *
 * @param action what happens: {@code mkdir}, {@code copy}, {@code replace}, {@code metadata},
 *     {@code symlink}, {@code delete}
 * @param path the path relative to the conduit's ends
 * @param toTarget whether the step writes to the target (false: to the source, in bidirectional
 *     mode)
 * @param bytes the bytes to write
 */
public record PlannedOperation(String action, String path, boolean toTarget, long bytes) {

    public PlannedOperation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes cannot be negative");
        }
    }
}
