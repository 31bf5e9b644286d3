package org.filesync.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A read view of one conduit's baseline, held open for the length of one resolution so that many
 * single-path lookups cost one query each on one connection. Close it when the resolution ends; it
 * is used by one thread at a time.
 */
@ProviderType
public interface BaselineReader extends AutoCloseable {

    /** Whether the conduit has any baseline entry. */
    boolean any();

    /** The baseline entry at a path. */
    Optional<BaselineRecord> entry(String path);

    /** The whole baseline, in no particular order. */
    List<BaselineRecord> all();

    @Override
    void close();
}
