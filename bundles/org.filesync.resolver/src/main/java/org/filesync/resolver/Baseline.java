package org.filesync.resolver;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.internal.Checks;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The state both ends of a conduit agreed on after its last successful generation
 * (docs/data-model.md): per relative path, the facts of the entry both held. Bidirectional change detection compares
 * each end with it. The caller of the resolver provides it, typically read from the conduit store.
 */
@ConsumerType
public interface Baseline {

    /**
     * Whether the conduit has an agreed state at all. Without one (its first run) a bidirectional
     * mode unions both ends and never deletes.
     */
    boolean exists();

    /** The agreed facts at a path, or empty if the ends agreed on nothing there. */
    Optional<EntryFacts> entry(String path);

    /** Every agreed entry, in path order ({@link String#compareTo}, as the index orders paths). */
    Stream<BaselineEntry> entries();

    /** The agreed entries at {@code path} and under it, in path order. */
    default Stream<BaselineEntry> subtree(String path) {
        String below = path + "/";
        return entries()
                .filter(entry -> entry.path().equals(path) || entry.path().startsWith(below));
    }

    /** No agreed state: a conduit's first run. */
    static Baseline none() {
        return of(false, Map.of());
    }

    /** A baseline held in memory (an existing one, even if empty). */
    static Baseline of(Map<String, EntryFacts> entries) {
        return of(true, entries);
    }

    private static Baseline of(boolean exists, Map<String, EntryFacts> entries) {
        TreeMap<String, EntryFacts> sorted = new TreeMap<>(Comparator.naturalOrder());
        entries.forEach((path, facts) -> sorted.put(Checks.relativePath(path), facts));
        List<BaselineEntry> ordered = sorted.entrySet().stream()
                .map(e -> new BaselineEntry(e.getKey(), e.getValue()))
                .toList();
        return new Baseline() {
            @Override
            public boolean exists() {
                return exists;
            }

            @Override
            public Optional<EntryFacts> entry(String path) {
                return Optional.ofNullable(sorted.get(path));
            }

            @Override
            public Stream<BaselineEntry> entries() {
                return ordered.stream();
            }

            @Override
            public Stream<BaselineEntry> subtree(String path) {
                return sorted.subMap(path, true, path + "0", false).entrySet().stream()
                        .filter(e -> e.getKey().equals(path) || e.getKey().startsWith(path + "/"))
                        .map(e -> new BaselineEntry(e.getKey(), e.getValue()));
            }
        };
    }
}
