package org.filesync.index.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.filesync.index.EntryCount;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexException;

/**
 * The registry of indexed locations and their runtimes: loaded from the store at start, looked up
 * by root or by a path inside one, added and removed together with what is stored for them.
 * Registration decisions that must see no other registration meanwhile synchronize on this object.
 */
final class Locations {

    private final Map<Path, LocationRuntime> byRoot = new ConcurrentHashMap<>();
    private final LocationStore store;
    private final EntryStore entries;

    Locations(LocationStore store, EntryStore entries) {
        this.store = store;
        this.entries = entries;
    }

    /** Loads the stored locations with their sequence numbers, counts and pruning. */
    void load() {
        Map<Integer, List<List<String>>> pruning = store.pruning();
        for (LocationStore.StoredLocation s : store.locations()) {
            Path root = Path.of(s.root());
            LocationRuntime loc = new LocationRuntime(
                    s.id(),
                    root,
                    entries.maxSequence(s.id()),
                    entries.count(s.id(), ""),
                    s.lastFullScanMillis() == null ? null : Instant.ofEpochMilli(s.lastFullScanMillis()));
            List<List<String>> ruleSets = pruning.get(s.id());
            if (ruleSets != null) {
                loc.pruning = Pruning.of(ruleSets.stream().map(IgnoreRules::new).toList());
            }
            byRoot.put(root, loc);
        }
    }

    /** Stores a new location (no entries yet) and adds its runtime. */
    LocationRuntime add(Path root, Collection<IgnoreRules> prune) {
        int id = store.insertLocation(root.toString());
        LocationRuntime loc = new LocationRuntime(id, root, 0, new EntryCount(0, 0), null);
        if (!prune.isEmpty()) {
            loc.pruning = Pruning.of(prune);
            store.setPruning(id, patterns(loc.pruning));
        }
        byRoot.put(root, loc);
        return loc;
    }

    /**
     * Replaces what a location leaves out, stored first; false if it already prunes by the same
     * rule sets. Not under the location's lock, which a long scan may hold: a scan reads the new
     * rules as it goes.
     */
    boolean replacePruning(LocationRuntime loc, Collection<IgnoreRules> ruleSets) {
        synchronized (loc) {
            if (loc.pruning.sameAs(ruleSets)) {
                return false;
            }
            Pruning next = Pruning.of(ruleSets);
            store.setPruning(loc.id, patterns(next));
            loc.pruning = next;
            return true;
        }
    }

    /** Removes a location, closes its runtime and deletes its stored rows once no scan holds it. */
    Optional<LocationRuntime> remove(Path root) {
        LocationRuntime loc;
        synchronized (this) {
            loc = byRoot.remove(root);
        }
        if (loc == null) {
            return Optional.empty();
        }
        loc.close();
        loc.lock.lock();
        try {
            store.deleteLocation(loc.id);
        } finally {
            loc.lock.unlock();
        }
        return Optional.of(loc);
    }

    Collection<LocationRuntime> all() {
        return byRoot.values();
    }

    int size() {
        return byRoot.size();
    }

    /** The location whose root is {@code root} exactly. */
    Optional<LocationRuntime> at(Path root) {
        return Optional.ofNullable(byRoot.get(absolute(root)));
    }

    /** The location with exactly this root. */
    LocationRuntime require(Path root) {
        Path p = absolute(root);
        LocationRuntime loc = byRoot.get(p);
        if (loc == null) {
            throw new IndexException("not an indexed location: " + p);
        }
        return loc;
    }

    /** The innermost location that contains {@code path}. */
    Optional<LocationRuntime> innermost(Path path) {
        LocationRuntime best = null;
        for (LocationRuntime loc : byRoot.values()) {
            if (loc.contains(path) && (best == null || loc.root.getNameCount() > best.root.getNameCount())) {
                best = loc;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every location that contains {@code path} (locations may nest). */
    List<LocationRuntime> containing(Path path) {
        List<LocationRuntime> found = new ArrayList<>();
        for (LocationRuntime loc : byRoot.values()) {
            if (loc.contains(path)) {
                found.add(loc);
            }
        }
        return found;
    }

    private static List<List<String>> patterns(Pruning pruning) {
        return pruning.ruleSets().stream().map(IgnoreRules::patterns).toList();
    }

    /** The path, normalized, if it is absolute. */
    static Path absolute(Path path) {
        if (path == null) {
            throw new IndexException("no path given");
        }
        if (!path.isAbsolute()) {
            throw new IndexException("not an absolute path: " + path);
        }
        return path.normalize();
    }

    /** The relative path, if it neither starts nor ends with a slash. */
    static String checkRelative(String rel) {
        if (rel == null) {
            throw new IndexException("no relative path given");
        }
        if (rel.startsWith("/") || rel.endsWith("/")) {
            throw new IndexException("not a relative path: '" + rel + "'");
        }
        return rel;
    }
}
