package org.filesync.resolver;

import java.util.Optional;
import java.util.stream.Stream;
import org.filesync.api.path.EntryKind;
import org.filesync.index.EntryCount;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A mode's view of one resolution: the request and both ends, read from the index. Paths are
 * relative to the conduit ends; the ends' own directories are never returned. Streams hold index
 * resources: close them (try-with-resources).
 */
@ProviderType
public interface ResolutionContext {

    /** The request being resolved. */
    ResolveRequest request();

    /**
     * The checkpoint to resolve incrementally from, when usable: given, not overridden by {@link
     * ResolveRequest#full()}, and not ahead of either end's current sequence. Empty means read in
     * full.
     */
    Optional<Checkpoint> checkpoint();

    /**
     * The ends' change sequences, read before any entry: the checkpoint of the plan. Every change
     * after it has a greater sequence, so a later incremental resolution sees it.
     */
    Checkpoint current();

    /** The live entries of an end in {@link org.filesync.index.IndexEntry#PATH_ORDER}. */
    Stream<SideEntry> entries(Side side);

    /**
     * How many live entries an end holds (its own directory excluded) and how many of them are not
     * directories: the counts of {@link #entries(Side)}, without reading the entries.
     */
    default EntryCount count(Side side) {
        long[] counts = new long[2];
        try (Stream<SideEntry> all = entries(side)) {
            all.forEach(e -> {
                counts[0]++;
                if (e.entry().kind() != EntryKind.DIRECTORY) {
                    counts[1]++;
                }
            });
        }
        return new EntryCount(counts[0], counts[1]);
    }

    /** The live entries of an end at {@code path} and under it, in path order. */
    Stream<SideEntry> subtree(Side side, String path);

    /** The entry of an end at a path: live, tombstone, or empty if never indexed. */
    Optional<SideEntry> entry(Side side, String path);

    /**
     * The entries of an end changed after a sequence, tombstones included, each path once with its
     * latest state, in ascending sequence order.
     */
    Stream<SideEntry> changes(Side side, long afterSequence);
}
