package org.filesync.index;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Entries of a location changed: every entry whose sequence is in {@code (after, last]} was
 * inserted, updated or deleted. Fetch them with {@link FileIndex#changesSince}.
 *
 * @param root the location root
 * @param after the sequence number before the change (exclusive)
 * @param last the highest sequence number after the change
 */
public record IndexChange(Path root, long after, long last) {
    public IndexChange {
        Objects.requireNonNull(root, "root");
        if (last <= after) {
            throw new IllegalArgumentException("empty change " + after + ".." + last);
        }
    }
}
