package org.filesync.service.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.BaselineEntry;
import org.filesync.resolver.BaselineUpdate;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.filesync.store.BaselineStore;

/**
 * A conduit's baseline as one resolution reads it, from the store: single paths are looked up one
 * by one on one open reader (an incremental resolution reads few), the whole baseline is read once
 * when streamed. Close it when the resolution has ended.
 */
final class StoredBaseline implements Baseline, AutoCloseable {

    private final BaselineReader reader;
    private final boolean exists;
    private List<BaselineEntry> all;

    private StoredBaseline(BaselineReader reader) {
        this.reader = reader;
        this.exists = reader.any();
    }

    /** Opens the baseline of a conduit. */
    static StoredBaseline open(BaselineStore baselines, long conduitId) {
        BaselineReader reader = baselines.openBaseline(conduitId);
        try {
            return new StoredBaseline(reader);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public boolean exists() {
        return exists;
    }

    @Override
    public Optional<EntryFacts> entry(String path) {
        return exists ? reader.entry(path).map(BaselineRecord::facts) : Optional.empty();
    }

    @Override
    public synchronized Stream<BaselineEntry> entries() {
        if (all == null) {
            all = exists
                    ? reader.all().stream()
                            .map(record -> new BaselineEntry(record.path(), record.facts()))
                            .sorted(Comparator.comparing(BaselineEntry::path))
                            .toList()
                    : List.of();
        }
        return all.stream();
    }

    /** A plan's baseline updates as the store takes them. */
    static BaselineChanges changes(List<BaselineUpdate> updates) {
        List<BaselineRecord> record = updates.stream()
                .filter(update -> update.agreed().isPresent())
                .map(update -> new BaselineRecord(update.path(), update.agreed().get()))
                .toList();
        List<String> forget = updates.stream()
                .filter(update -> update.agreed().isEmpty())
                .map(BaselineUpdate::path)
                .toList();
        return BaselineChanges.of(record, forget);
    }
}
