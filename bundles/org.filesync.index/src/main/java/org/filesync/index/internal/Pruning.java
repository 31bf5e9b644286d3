package org.filesync.index.internal;

import java.util.Collection;
import java.util.List;
import org.filesync.index.IgnoreRules;

/**
 * What a location leaves out: the paths that every one of its users ignores without {@code (?d)}
 * (see {@link org.filesync.index.FileIndex#prune}). Immutable.
 */
final class Pruning {

    static final Pruning NONE = new Pruning(List.of());

    private final List<IgnoreRules> ruleSets;
    /** False when some rule set is empty (or there is none): nothing is pruned, and nothing is matched. */
    private final boolean active;

    private Pruning(List<IgnoreRules> ruleSets) {
        this.ruleSets = ruleSets;
        this.active = !ruleSets.isEmpty() && ruleSets.stream().noneMatch(IgnoreRules::isEmpty);
    }

    static Pruning of(Collection<IgnoreRules> ruleSets) {
        return ruleSets.isEmpty() ? NONE : new Pruning(List.copyOf(ruleSets));
    }

    List<IgnoreRules> ruleSets() {
        return ruleSets;
    }

    /** Whether the path (relative to the root, not empty) is left out. */
    boolean prunes(String relativePath, boolean directory) {
        if (!active) {
            return false;
        }
        for (IgnoreRules rules : ruleSets) {
            IgnoreRules.Verdict verdict = rules.verdict(relativePath, directory);
            if (!verdict.ignored() || verdict.deletable()) {
                return false;
            }
        }
        return true;
    }

    /** Whether a directory above the path is left out (so that the path itself is not indexed). */
    boolean prunesAbove(String relativePath) {
        if (!active) {
            return false;
        }
        for (int slash = relativePath.indexOf('/'); slash > 0; slash = relativePath.indexOf('/', slash + 1)) {
            if (prunes(relativePath.substring(0, slash), true)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the two prune the same paths because they hold the same rule sets, in any order. */
    boolean sameAs(Collection<IgnoreRules> other) {
        return ruleSets.size() == other.size() && ruleSets.containsAll(other) && other.containsAll(ruleSets);
    }
}
