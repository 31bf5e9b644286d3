package org.filesync.http.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events, each with an id one higher than the one before, so that a client that
 * lost its stream can ask for everything after the last id it saw ({@code Last-Event-ID}). When the
 * ring is full the oldest event goes; a client that asks for one that is gone is told so ({@link
 * Batch#gap()}) and gets what is left.
 */
final class EventRing {

    /** One event: its id, its EventAdmin topic and its JSON data (one line). */
    record Entry(long id, String topic, String data) {}

    /**
     * What a client gets after an id.
     *
     * @param entries the events after it, oldest first
     * @param gap whether events after it were lost (evicted, or the id is unknown to this ring)
     */
    record Batch(List<Entry> entries, boolean gap) {}

    private final Entry[] entries;
    private long lastId;

    EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        entries = new Entry[capacity];
    }

    /** Adds an event and returns its id. */
    synchronized long append(String topic, String data) {
        lastId++;
        entries[(int) (lastId % entries.length)] = new Entry(lastId, topic, data);
        return lastId;
    }

    /** The id of the newest event, 0 before the first. */
    synchronized long lastId() {
        return lastId;
    }

    /** The events after {@code seen}, at most {@code max} of them. */
    synchronized Batch after(long seen, int max) {
        long oldest = Math.max(1, lastId - entries.length + 1);
        boolean unknown = seen > lastId; // an id from before this ring existed (Karaf restarted)
        long from = unknown ? oldest : Math.max(seen + 1, oldest);
        boolean gap = unknown || seen + 1 < oldest;
        List<Entry> batch = new ArrayList<>();
        for (long id = from; id <= lastId && batch.size() < max; id++) {
            batch.add(entries[(int) (id % entries.length)]);
        }
        return new Batch(batch, gap);
    }
}
