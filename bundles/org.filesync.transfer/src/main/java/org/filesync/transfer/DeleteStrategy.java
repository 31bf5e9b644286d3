package org.filesync.transfer;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How an entry leaves an endpoint. Registered as a service with the property {@value #PROPERTY}
 * (e.g. {@value #TRASH}); among services of one name the highest {@code service.ranking} wins, then
 * the lowest {@code service.id}. Strategies come and go at runtime; {@link
 * TransferService#deleteStrategies()} names the ones registered now. Jobs call a strategy only
 * after they have checked that the entry is inside the endpoint, reached through real directories,
 * and still what the plan expected.
 */
@ConsumerType
public interface DeleteStrategy {

    /** The service property naming the strategy. */
    String PROPERTY = "filesync.delete";

    /** Moves entries to {@code <endpoint>/.filesync/trash/<generation>/<relative path>}. */
    String TRASH = "trash";

    /** Removes entries for good. */
    String PERMANENT = "permanent";

    /**
     * Removes a file, a symbolic link (as a link) or an empty directory.
     *
     * @param endpoint the endpoint root
     * @param entry the entry, under the endpoint
     * @param generation the run the delete belongs to
     */
    void remove(Path endpoint, Path entry, String generation) throws IOException;

    /**
     * Called before a copy atomically replaces {@code existing}: keeps its current version if the
     * strategy keeps deleted entries (without moving it: the name must stay occupied until the
     * replace).
     */
    void keepReplaced(Path endpoint, Path existing, String generation) throws IOException;

    /**
     * Removes what the strategy kept in {@code endpoint} beyond its retention.
     *
     * @return how many generations were purged
     */
    default int purge(Path endpoint) throws IOException {
        return 0;
    }
}
