package org.filesync.index;

import java.util.Objects;

/**
 * An absolute path resolved into the location that contains it.
 *
 * @param location the location
 * @param relativePath the path relative to the location root; empty for the root itself. Use it
 *     as the prefix of {@link FileIndex#entries} and {@link FileIndex#changesSince}.
 */
public record LocatedPath(IndexedLocation location, String relativePath) {
    public LocatedPath {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(relativePath, "relativePath");
    }
}
