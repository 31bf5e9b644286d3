package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.Path;

/** Computes the content hash of a regular file (lower-case hex). Implementations are thread-safe. */
interface ContentHasher {

    /**
     * Hashes the whole content of {@code file}.
     *
     * @throws IOException if it cannot be read
     */
    String hash(Path file) throws IOException;
}
