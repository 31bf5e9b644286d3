package org.filesync.service.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.filesync.api.Conduit;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexException;
import org.filesync.index.IndexedLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the index what it may leave out of each location: what every conduit using the location
 * ignores ({@link FileIndex#prune}). A conduit whose end is the location's root brings its rules; one
 * whose end lies inside the location, or holds it, brings none (its rules are relative to another
 * directory), so that nothing it may need is pruned.
 */
final class LocationPruning {

    private static final Logger LOG = LoggerFactory.getLogger(LocationPruning.class);

    private LocationPruning() {}

    /** The rule sets of the conduits using a location. */
    static List<IgnoreRules> ruleSets(Path location, Collection<Conduit> conduits) {
        List<IgnoreRules> sets = new ArrayList<>();
        for (Conduit conduit : conduits) {
            for (Path end : List.of(conduit.source(), conduit.target())) {
                if (end.equals(location)) {
                    sets.add(new IgnoreRules(conduit.options().ignores()));
                } else if (end.startsWith(location) || location.startsWith(end)) {
                    sets.add(IgnoreRules.NONE);
                }
            }
        }
        return sets;
    }

    /** Sets the pruning of every location that holds, or lies inside, one of the endpoints. */
    static void refresh(FileIndex index, Collection<Conduit> conduits, Collection<Path> endpoints) {
        for (IndexedLocation location : index.locations()) {
            Path root = location.root();
            if (endpoints.stream().anyMatch(end -> end.startsWith(root) || root.startsWith(end))) {
                try {
                    index.prune(root, ruleSets(root, conduits));
                } catch (IndexException e) {
                    LOG.warn("cannot set what the index leaves out of {}: {}", root, e.getMessage());
                }
            }
        }
    }
}
