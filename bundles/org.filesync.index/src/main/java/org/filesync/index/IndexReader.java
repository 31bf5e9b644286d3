package org.filesync.index;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Single-entry lookups in one location on one database connection: for a caller that reads many
 * paths one by one (a resolution reads every changed path), far cheaper than {@link
 * FileIndex#entry} per path. Used by one thread at a time; close it when done.
 */
@ProviderType
public interface IndexReader extends AutoCloseable {

    /** The entry (live or tombstone) at a relative path of the location. */
    Optional<IndexEntry> entry(String relativePath);

    @Override
    void close();
}
