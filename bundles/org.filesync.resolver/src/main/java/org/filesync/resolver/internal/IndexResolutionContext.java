package org.filesync.resolver.internal;

import java.util.EnumMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.filesync.index.EntryCount;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexReader;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;

/**
 * A {@link ResolutionContext} reading the {@link FileIndex}, relativizing paths to the ends and
 * hiding the paths the request's ignore rules match, so that no mode ever sees them. Single entries
 * are read through one {@link IndexReader} per end, opened on first use; {@link #close()} releases
 * them when the resolution ends.
 */
final class IndexResolutionContext implements ResolutionContext, AutoCloseable {

    private final EnumMap<Side, IndexReader> readers = new EnumMap<>(Side.class);
    private final EnumMap<Side, LongAdder> ignoredInFullRead = new EnumMap<>(Side.class);

    private final FileIndex index;
    private final ResolveRequest request;
    private final Checkpoint current;
    private final Optional<Checkpoint> checkpoint;

    IndexResolutionContext(FileIndex index, ResolveRequest request, Checkpoint current, Optional<Checkpoint> usable) {
        this.index = Objects.requireNonNull(index, "index");
        this.request = Objects.requireNonNull(request, "request");
        this.current = Objects.requireNonNull(current, "current");
        this.checkpoint = Objects.requireNonNull(usable, "usable");
    }

    @Override
    public void close() {
        readers.values().forEach(IndexReader::close);
        readers.clear();
    }

    @Override
    public ResolveRequest request() {
        return request;
    }

    @Override
    public Optional<Checkpoint> checkpoint() {
        return checkpoint;
    }

    @Override
    public Checkpoint current() {
        return current;
    }

    @Override
    public Stream<SideEntry> entries(Side side) {
        Endpoint end = request.endpoint(side);
        Stream<SideEntry> all = relativize(end, index.entries(end.root(), end.prefix()));
        if (request.ignores().isEmpty()) {
            return all;
        }
        LongAdder ignored = new LongAdder();
        ignoredInFullRead.put(side, ignored);
        return all.filter(e -> {
            if (request.ignores(e.path(), e.entry().kind())) {
                ignored.increment();
                return false;
            }
            return true;
        });
    }

    /** How many entries the rules hid from the last full read of each end (0 for an end not read in full). */
    long ignoredInFullReads() {
        return ignoredInFullRead.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public EntryCount count(Side side) {
        if (!request.ignores().isEmpty()) {
            return ResolutionContext.super.count(side);
        }
        Endpoint end = request.endpoint(side);
        return index.count(end.root(), end.prefix());
    }

    @Override
    public Stream<SideEntry> subtree(Side side, String path) {
        Endpoint end = request.endpoint(side);
        return visible(relativize(end, index.entries(end.root(), end.indexPath(path))));
    }

    @Override
    public Optional<SideEntry> entry(Side side, String path) {
        Endpoint end = request.endpoint(side);
        IndexReader reader = readers.computeIfAbsent(side, s -> index.reader(end.root()));
        return reader.entry(end.indexPath(path))
                .map(e -> new SideEntry(path, e))
                .filter(e -> !request.ignores(e.path(), e.entry().kind()));
    }

    @Override
    public Stream<SideEntry> changes(Side side, long afterSequence) {
        Endpoint end = request.endpoint(side);
        return visible(relativize(end, index.changesSince(end.root(), end.prefix(), afterSequence)));
    }

    private Stream<SideEntry> visible(Stream<SideEntry> entries) {
        if (request.ignores().isEmpty()) {
            return entries;
        }
        return entries.filter(e -> !request.ignores(e.path(), e.entry().kind()));
    }

    /** Paths relative to the end; the end's own directory (and anything outside it) dropped. */
    static Stream<SideEntry> relativize(Endpoint end, Stream<IndexEntry> entries) {
        String prefix = end.prefix();
        if (prefix.isEmpty()) {
            return entries.map(e -> new SideEntry(e.path(), e));
        }
        int cut = prefix.length() + 1;
        return entries.filter(e -> e.path().length() > cut
                        && e.path().charAt(prefix.length()) == '/'
                        && e.path().startsWith(prefix))
                .map(e -> new SideEntry(e.path().substring(cut), e));
    }
}
