package org.filesync.resolver;

import java.nio.file.Path;
import java.util.Objects;
import org.filesync.index.LocatedPath;
import org.filesync.resolver.internal.Checks;

/**
 * One end of a conduit as located in the index: a location root and the path of the end inside it.
 *
 * @param root the root of the index location (absolute), as registered
 * @param prefix the end's path relative to the root; empty when the end is the root itself
 */
public record Endpoint(Path root, String prefix) {

    public Endpoint {
        Objects.requireNonNull(root, "root");
        Checks.prefixOrPath(prefix);
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("the location root must be absolute: " + root);
        }
    }

    /** The end at a path the index located. */
    public static Endpoint of(LocatedPath located) {
        return new Endpoint(located.location().root(), located.relativePath());
    }

    /** The path relative to the location root of a path relative to this end. */
    public String indexPath(String relativePath) {
        Checks.relativePath(relativePath);
        return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
    }

    /** The absolute path of the end. */
    public Path path() {
        return prefix.isEmpty() ? root : root.resolve(prefix);
    }
}
