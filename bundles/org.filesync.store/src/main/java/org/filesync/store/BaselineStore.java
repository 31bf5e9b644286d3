package org.filesync.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage of each conduit's baseline, the state both ends agreed on path by path. Every
 * method is one transaction.
 */
@ProviderType
public interface BaselineStore {

    /** Opens a read view of a conduit's baseline; close it when done. */
    BaselineReader openBaseline(long conduitId);

    /** Applies baseline changes: records (replacing) the given entries and forgets the given paths. */
    void updateBaseline(long conduitId, BaselineChanges changes);
}
