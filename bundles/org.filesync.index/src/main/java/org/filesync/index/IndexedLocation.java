package org.filesync.index;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory tree registered for indexing and watching, as it stands now.
 *
 * @param root the absolute, normalized root directory
 * @param state {@link #SCANNING}, {@link #SETTLED}, {@link #PENDING} or {@code error:<reason>}
 * @param entryCount live entries (tombstones not counted)
 * @param lastFullScan when the last full scan of the whole tree completed, if one has
 * @param sequence the highest change sequence number given out in this location (0 if none)
 */
public record IndexedLocation(Path root, String state, long entryCount, Optional<Instant> lastFullScan, long sequence) {

    /** A scan of the location, or of part of it, is running or queued. */
    public static final String SCANNING = "scanning";
    /** Nothing is running or pending: the index reflects the tree. */
    public static final String SETTLED = "settled";
    /** Watcher events are waiting out their debounce window or being applied. */
    public static final String PENDING = "pending";
    /** Prefix of the state of a location whose root cannot be indexed. */
    public static final String ERROR_PREFIX = "error:";

    public IndexedLocation {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastFullScan, "lastFullScan");
    }

    /** Whether {@link #state()} is an error. */
    public boolean isError() {
        return state.startsWith(ERROR_PREFIX);
    }
}
