package org.filesync.mode.bidirectional.internal;

import static org.filesync.mode.bidirectional.internal.EntryChecks.entry;
import static org.filesync.mode.bidirectional.internal.EntryChecks.same;
import static org.filesync.mode.bidirectional.internal.EntryChecks.unusable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.Direction;
import org.filesync.resolver.PrefixSet;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;

/**
 * What a decision at a directory means for the paths under it. Some subtrees are left alone: under
 * an unreadable directory, under a directory of a pending conflict ({@link #freeze}), under a
 * directory the plan displaces. A directory conflict that was decided governs its whole subtree:
 * {@link #open} starts a region there, and the paths under it follow the decision instead of the
 * per-path rules ({@link #followsRegion}).
 */
final class DirectoryCascades {

    private final ResolutionContext context;
    private final Baseline baseline;
    private final boolean firstRun;
    private final PlanOperations plan;
    /** The live entry of an end at a path, or null. */
    private final BiFunction<Side, String, SideEntry> live;
    /** Unreadable directories and directories of pending conflicts: nothing under them is touched. */
    private final PrefixSet frozen = new PrefixSet();
    /** Directory conflicts whose subtree follows the decision, the latest last. */
    private final List<Region> regions = new ArrayList<>();
    /** Incremental only: whether a path of an end is an unreadable directory, by end and path. */
    private final Map<Side, Map<String, Boolean>> unreadableAncestors = new EnumMap<>(Side.class);

    DirectoryCascades(ResolutionContext context, PlanOperations plan, BiFunction<Side, String, SideEntry> live) {
        this.context = context;
        this.baseline = context.request().baseline();
        this.firstRun = !baseline.exists();
        this.plan = plan;
        this.live = live;
        for (Side side : Side.values()) {
            unreadableAncestors.put(side, new HashMap<>());
        }
    }

    /** Leaves the subtree of a directory alone (the directory itself was decided already). */
    void freeze(String directory) {
        frozen.add(directory);
    }

    /** Whether a path lies under a frozen directory. */
    boolean frozen(String path) {
        return frozen.covers(path);
    }

    /**
     * Whether a path lies under an unreadable directory of either end; only an incremental read
     * needs to ask, the merge meets every directory before its subtree.
     */
    boolean underUnreadable(String path) {
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            String ancestor = path.substring(0, i);
            for (Side side : Side.values()) {
                boolean guarded = unreadableAncestors.get(side).computeIfAbsent(ancestor, a -> Optional.ofNullable(
                                live.apply(side, a))
                        .map(e -> e.entry().kind() == EntryKind.DIRECTORY
                                && e.entry().error().isPresent())
                        .orElse(false));
                if (guarded) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Lets the subtree of a decided directory conflict follow the winner.
     *
     * @param keep the winner's changed paths under the directory, or null when the winner holds no
     *     directory there (everything under it on the loser is then deleted)
     */
    void open(String directory, Side winner, Set<String> keep) {
        regions.add(new Region(directory, winner, keep));
    }

    /** Decides a path under a decided directory conflict, if it lies under one; true if it does. */
    boolean followsRegion(String path, SideEntry s, SideEntry t, EntryFacts b) {
        Region region = region(path);
        if (region == null) {
            return false;
        }
        region.decide(path, s, t, b);
        return true;
    }

    /**
     * The paths under a directory of an end that changed since the baseline (created or modified;
     * unreadable and special entries do not count), with their ancestors below the directory.
     */
    Set<String> changedUnder(Side side, String directory) {
        Set<String> changed = new HashSet<>();
        try (Stream<SideEntry> under = context.subtree(side, directory)) {
            for (Iterator<SideEntry> it = under.iterator(); it.hasNext(); ) {
                SideEntry e = it.next();
                if (e.path().equals(directory) || !e.path().startsWith(directory + "/") || unusable(e) != null) {
                    continue;
                }
                EntryFacts b = firstRun ? null : baseline.entry(e.path()).orElse(null);
                if (b == null || !same(e.facts(), b)) {
                    for (String p = e.path();
                            p.length() > directory.length() && changed.add(p);
                            p = p.substring(0, p.lastIndexOf('/'))) {}
                }
            }
        }
        return changed;
    }

    private Region region(String path) {
        for (int i = regions.size() - 1; i >= 0; i--) {
            Region r = regions.get(i);
            if (path.startsWith(r.prefix)) {
                return r;
            }
            if (path.compareTo(r.prefix) > 0) {
                regions.remove(i); // past that subtree for good
            }
        }
        return null;
    }

    /**
     * The subtree of a directory conflict, decided by the winner: with a directory at the winning
     * end ({@link #keep} set), its changed paths reach the loser and its unchanged ones, which the
     * loser deleted, are deleted; without ({@link #keep} null), everything under it on the loser is
     * deleted.
     */
    private final class Region {
        final String prefix;
        final Side winner;
        final Set<String> keep;

        Region(String directory, Side winner, Set<String> keep) {
            this.prefix = directory + "/";
            this.winner = winner;
            this.keep = keep;
        }

        void decide(String path, SideEntry s, SideEntry t, EntryFacts b) {
            SideEntry w = entry(winner, s, t);
            SideEntry l = entry(winner.other(), s, t);
            if (keep == null) {
                if (l != null) {
                    plan.delete(path, winner.other(), l.facts());
                } else if (w == null) {
                    plan.forget(path, b);
                }
                return;
            }
            if (w == null) {
                if (l == null) {
                    plan.forget(path, b);
                }
                return;
            }
            if (keep.contains(path)) {
                plan.propagate(path, Direction.towards(winner.other()), w, l);
            } else if (l == null) {
                plan.delete(path, winner, w.facts());
            }
        }
    }
}
