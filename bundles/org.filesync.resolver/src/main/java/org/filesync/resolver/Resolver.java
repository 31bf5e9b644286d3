package org.filesync.resolver;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Computes a conduit's {@link Plan} from the file index (never walking the filesystem), with the
 * {@link SyncMode} registered under the request's mode name.
 *
 * <p>The resolution is incremental when the request carries a usable {@link Checkpoint} (not
 * {@code full}, and not ahead of either location's current sequence): only entries whose change
 * sequence moved since then are read, with their counterparts. Otherwise both ends are streamed in
 * path order and merged. Both give the same operations for the same index state.
 */
@ProviderType
public interface Resolver {

    /**
     * Resolves a conduit.
     *
     * @throws ModeUnavailableException if no mode of that name is registered
     * @throws ResolverException if an end is not indexed, missing, or its location is in error (a
     *     missing or unreadable end is never taken for an empty one), or the index fails
     */
    Plan resolve(ResolveRequest request);

    /** The names of the modes registered now. */
    Set<String> modes();

    /**
     * Whether the mode of that name keeps a baseline ({@link SyncMode#keepsBaseline()}).
     *
     * @throws ModeUnavailableException if no mode of that name is registered
     */
    boolean keepsBaseline(String mode);
}
