package org.filesync.resolver.internal;

import java.util.Objects;

/** Argument checks shared by the records of the exported packages. */
public final class Checks {

    private Checks() {}

    /** A path relative to a conduit end: {@code /}-separated, not empty, no empty or dot segments. */
    public static String relativePath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a relative path must not be empty");
        }
        prefixOrPath(path);
        return path;
    }

    /** Like {@link #relativePath} but empty is allowed (the root of a location). */
    public static String prefixOrPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            return path;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a normalized relative path: '" + path + "'");
            }
        }
        return path;
    }

    public static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
