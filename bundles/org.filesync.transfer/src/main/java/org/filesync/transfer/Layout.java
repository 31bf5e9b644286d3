package org.filesync.transfer;

import java.nio.file.Path;

/**
 * Where filesync keeps its own files inside an endpoint: {@code .filesync/tmp} for temp files (and
 * new directories being built before they are renamed into place whole) and
 * {@code .filesync/trash/<generation>/<relative path>} for the trash. That folder is never synced.
 */
public final class Layout {

    /** The name of filesync's own folder at the root of an endpoint. */
    public static final String FOLDER = ".filesync";

    private Layout() {}

    /** {@code <endpoint>/.filesync/tmp}. */
    public static Path tmp(Path endpoint) {
        return endpoint.resolve(FOLDER).resolve("tmp");
    }

    /** {@code <endpoint>/.filesync/trash}. */
    public static Path trash(Path endpoint) {
        return endpoint.resolve(FOLDER).resolve("trash");
    }

    /** {@code <endpoint>/.filesync/trash/<generation>}. */
    public static Path trash(Path endpoint, String generation) {
        return trash(endpoint).resolve(checkGeneration(generation));
    }

    /** Whether {@code path} lies in the endpoint's {@code .filesync} folder (or is it). */
    public static boolean isInternal(Path endpoint, Path path) {
        return path.normalize().startsWith(endpoint.normalize().resolve(FOLDER));
    }

    static String checkGeneration(String generation) {
        if (generation.isEmpty()
                || generation.equals(".")
                || generation.equals("..")
                || generation.contains("/")
                || generation.contains("\0")) {
            throw new IllegalArgumentException("generation must be a plain name, was '" + generation + "'");
        }
        return generation;
    }
}
