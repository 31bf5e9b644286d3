package org.filesync.transfer;

import java.nio.file.Path;
import org.filesync.api.path.Witness;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of each file a copy job renamed into place whose content hash it computed while writing:
 * the file, its {@link Witness} read right after the rename, and the hash. The caller of a copy
 * implements it, for example to spare an index reading the file again while the witness holds. It
 * is called on the job's worker threads, so it must be thread-safe and quick; an exception it
 * throws is logged and fails nothing.
 */
@ConsumerType
@FunctionalInterface
public interface WrittenFiles {

    /** Tells no one. */
    WrittenFiles NONE = (file, witness, hash) -> {};

    /**
     * @param file the absolute path the copy wrote
     * @param witness the file as it was right after its rename
     * @param hash the hash of the content written, computed while writing
     */
    void written(Path file, Witness witness, ContentHash hash);
}
