package org.filesync.resolver;

import java.util.Objects;
import org.filesync.api.path.EntryFacts;
import org.filesync.index.IndexEntry;

/**
 * An index entry of one conduit end, with its path relative to that end.
 *
 * @param path the path relative to the end (the index entry's path has the end's prefix)
 * @param entry the index entry, live or tombstone
 */
public record SideEntry(String path, IndexEntry entry) {

    public SideEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(entry, "entry");
        if (path.isEmpty() || !entry.path().endsWith(path)) {
            throw new IllegalArgumentException("'" + path + "' is not a suffix of '" + entry.path() + "'");
        }
    }

    /** Whether the entry exists (is not a tombstone). */
    public boolean live() {
        return !entry.deleted();
    }

    /** The entry's facts. */
    public EntryFacts facts() {
        return entry.facts();
    }
}
