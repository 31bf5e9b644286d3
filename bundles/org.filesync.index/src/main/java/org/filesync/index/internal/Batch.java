package org.filesync.index.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexException;

/**
 * Collects changed rows of one location and writes them in batches, giving each the next sequence
 * number at write time. Used by one thread that holds the location's lock. Unwritten rows are
 * visible through {@link #get} so that a path changed twice before a flush is written once.
 */
final class Batch {

    /** A row to write and the row stored before it (null if the path is new). */
    private record Pending(Row row, Row stored) {}

    private final EntryStore store;
    private final LocationRuntime location;
    private final int size;
    private final Consumer<IndexChange> changed;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Stored rows read ahead by {@link #prefetch} (null: known to have no row), kept current by {@link #flush}. */
    private final Map<String, Row> prefetched = new HashMap<>();

    private long written;

    Batch(EntryStore store, LocationRuntime location, int size, Consumer<IndexChange> changed) {
        this.store = store;
        this.location = location;
        this.size = size;
        this.changed = changed;
    }

    /** The row as it will be after the next flush: pending, else stored, else null. */
    Row get(String path) {
        Pending p = pending.get(path);
        if (p != null) {
            return p.row;
        }
        return prefetched.containsKey(path) ? prefetched.get(path) : store.get(location.id, path);
    }

    /** Reads the stored rows of many paths up front, on one connection, so that {@link #get} runs no query for them. */
    void prefetch(Collection<String> paths) {
        Map<String, Row> stored = store.getAll(location.id, paths);
        for (String path : paths) {
            prefetched.put(path, stored.get(path));
        }
    }

    /**
     * Records {@code row} for its path, unless it carries the same facts as {@code stored} (the
     * current row, from {@link #get} or a snapshot). Returns whether anything changed.
     */
    boolean put(Row row, Row stored) {
        Pending earlier = pending.get(row.path());
        Row base = earlier != null ? earlier.stored : stored;
        Row current = earlier != null ? earlier.row : stored;
        if (row.sameFacts(current)) {
            return false;
        }
        pending.put(row.path(), new Pending(row, base));
        if (pending.size() >= size) {
            flush();
        }
        return true;
    }

    /** Records a tombstone for a live row. */
    void delete(Row stored) {
        if (stored != null && stored.live()) {
            put(stored.tombstone(), stored);
        }
    }

    /** Rows written so far. */
    long written() {
        return written;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    private static boolean liveFile(Row r) {
        return r != null && r.live() && r.kind() != EntryKind.DIRECTORY;
    }

    /** Writes the pending rows in one transaction and reports the change. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long before = location.sequence.get();
        long seq = before;
        long delta = 0;
        long filesDelta = 0;
        List<Row> inserts = new ArrayList<>();
        List<Row> updates = new ArrayList<>();
        for (Pending p : pending.values()) {
            Row r = p.row.withSeq(++seq);
            (p.stored == null ? inserts : updates).add(r);
            delta += (r.live() ? 1 : 0) - (p.stored != null && p.stored.live() ? 1 : 0);
            filesDelta += (liveFile(r) ? 1 : 0) - (liveFile(p.stored) ? 1 : 0);
        }
        try {
            store.write(location.id, inserts, updates);
        } catch (SQLException e) {
            pending.clear();
            throw new IndexException("cannot write index entries of " + location.root + ": " + e.getMessage(), e);
        }
        pending.clear();
        if (!prefetched.isEmpty()) {
            for (List<Row> rows : List.of(inserts, updates)) {
                for (Row r : rows) {
                    if (prefetched.containsKey(r.path())) {
                        prefetched.put(r.path(), r);
                    }
                }
            }
        }
        location.sequence.set(seq);
        location.liveCount.addAndGet(delta);
        location.liveFiles.addAndGet(filesDelta);
        written += inserts.size() + updates.size();
        changed.accept(new IndexChange(location.root, before, seq));
    }
}
