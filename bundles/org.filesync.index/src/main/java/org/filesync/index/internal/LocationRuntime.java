package org.filesync.index.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.filesync.index.EntryCount;
import org.filesync.index.IndexedLocation;

/**
 * The live state of one location. {@link #lock} serializes every change to its entries (scans and
 * watcher events), which keeps sequence numbers in commit order.
 */
final class LocationRuntime {

    final int id;
    final Path root;
    final ReentrantLock lock = new ReentrantLock();
    final AtomicLong sequence;
    final AtomicLong liveCount;
    /** The live entries that are not directories. */
    final AtomicLong liveFiles;
    /** Scans running or queued. */
    final AtomicInteger scans = new AtomicInteger();
    /** Whether a full rescan is queued and has not started yet (coalesces overflow rescans). */
    final AtomicBoolean fullRescanQueued = new AtomicBoolean();
    /** Incremented to cancel the running and queued scans (each remembers the value it began with). */
    final AtomicLong cancelEpoch = new AtomicLong();
    /** Paths visited by the running scan. */
    final AtomicLong scanned = new AtomicLong();

    /** What the location leaves out; replaced as a whole while synchronized on this object, read by scans and events. */
    volatile Pruning pruning = Pruning.NONE;

    private volatile Instant lastFullScan;
    private volatile String error;
    private volatile boolean closed;

    LocationRuntime(int id, Path root, long sequence, EntryCount live, Instant lastFullScan) {
        this.id = id;
        this.root = root;
        this.sequence = new AtomicLong(sequence);
        this.liveCount = new AtomicLong(live.entries());
        this.liveFiles = new AtomicLong(live.files());
        this.lastFullScan = lastFullScan;
    }

    String relativize(Path path) {
        if (path.equals(root)) {
            return "";
        }
        return root.relativize(path).toString();
    }

    boolean contains(Path path) {
        return path.startsWith(root);
    }

    void fullScanDone(Instant when) {
        lastFullScan = when;
    }

    void setError(String error) {
        this.error = error;
    }

    String error() {
        return error;
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    IndexedLocation snapshot(int pendingEvents) {
        String state;
        if (error != null) {
            state = IndexedLocation.ERROR_PREFIX + error;
        } else if (scans.get() > 0) {
            state = IndexedLocation.SCANNING;
        } else if (pendingEvents > 0) {
            state = IndexedLocation.PENDING;
        } else {
            state = IndexedLocation.SETTLED;
        }
        return new IndexedLocation(root, state, liveCount.get(), Optional.ofNullable(lastFullScan), sequence.get());
    }
}
