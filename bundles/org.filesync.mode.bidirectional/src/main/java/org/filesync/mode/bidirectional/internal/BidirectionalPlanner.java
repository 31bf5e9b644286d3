package org.filesync.mode.bidirectional.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.filesync.conflict.ConflictCopyNames;
import org.filesync.conflict.ConflictStrategy;
import org.filesync.index.EntryCount;
import org.filesync.index.EntryKind;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.BaselineEntry;
import org.filesync.resolver.BaselineUpdate;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Conflict;
import org.filesync.resolver.ConflictDecision;
import org.filesync.resolver.ConflictType;
import org.filesync.resolver.Copy;
import org.filesync.resolver.CreateDirectory;
import org.filesync.resolver.CreateSymlink;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Displace;
import org.filesync.resolver.EntryFacts;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.PlannedConflict;
import org.filesync.resolver.PrefixSet;
import org.filesync.resolver.Preserve;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.Skipped;
import org.filesync.resolver.UpdateMetadata;

/**
 * One bidirectional resolution. {@link #decide} is the table of docs/sync-modes.md, applied path by
 * path in ascending path order, either to the three-way merge of both ends and the baseline or to
 * the paths changed on either end since a checkpoint (each looked up on both ends and in the
 * baseline); both ways give the same plan.
 *
 * <p>A conflict at a directory (deleted on one end while the other end's copy holds changes, or a
 * type mismatch) governs its whole subtree: the planner opens a {@link Region} there, and the paths
 * under it follow the decision instead of the per-path rules.
 */
final class BidirectionalPlanner {

    /** Modification times are compared to the millisecond, as the jobs re-check them. */
    private static final long MTIME_GRANULARITY_NANOS = 1_000_000;

    /** The strategy name of a decision given with the request. */
    static final String USER = "user";

    private final ResolutionContext context;
    private final Baseline baseline;
    private final boolean firstRun;
    private final String strategyName;
    private final ConflictStrategy strategy;
    private final Map<String, ConflictDecision> decisions;
    private final Clock clock;

    private final List<Preserve> preserves = new ArrayList<>();
    private final List<Operation> copies = new ArrayList<>();
    private final List<Delete> deletes = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<PlannedConflict> conflicts = new ArrayList<>();
    private final List<BaselineUpdate> baselineUpdates = new ArrayList<>();
    /** Conflict copy names this plan uses. */
    private final Set<String> copyNames = new HashSet<>();
    /** Unreadable directories and directories of pending conflicts: nothing under them is touched. */
    private final PrefixSet frozen = new PrefixSet();
    /** Directories displaced by this plan, per end changed: what is under them goes with them. */
    private final Map<Side, PrefixSet> displaced = new EnumMap<>(Side.class);
    /** Directory conflicts whose subtree follows the decision, the latest last. */
    private final List<Region> regions = new ArrayList<>();
    /** Incremental only: whether a path of an end is an unreadable directory, by end and path. */
    private final Map<Side, Map<String, Boolean>> unreadableAncestors = new EnumMap<>(Side.class);
    /** Incremental only: the entries each end changed since the checkpoint, in their latest state. */
    private final Map<Side, Map<String, SideEntry>> changed = new EnumMap<>(Side.class);
    /** Incremental only: the index entries of the other paths to decide, read ahead (null: none). */
    private final Map<Side, Map<String, SideEntry>> unchanged = new EnumMap<>(Side.class);
    /** Reads the baseline while the caller reads the index. */
    private final Executor lookups;

    private boolean incremental;
    private final long[] entries = new long[2];
    private final long[] files = new long[2];

    BidirectionalPlanner(
            ResolutionContext context, String strategyName, ConflictStrategy strategy, Clock clock, Executor lookups) {
        this.context = context;
        this.lookups = lookups;
        this.baseline = context.request().baseline();
        this.firstRun = !baseline.exists();
        this.strategyName = strategyName;
        this.strategy = strategy;
        this.decisions = context.request().decisions();
        this.clock = clock;
        for (Side side : Side.values()) {
            displaced.put(side, new PrefixSet());
            unreadableAncestors.put(side, new HashMap<>());
            changed.put(side, new HashMap<>());
            unchanged.put(side, new HashMap<>());
        }
    }

    Plan plan() {
        Optional<Checkpoint> checkpoint = context.checkpoint();
        if (checkpoint.isPresent() && !firstRun) {
            return incremental(checkpoint.get());
        }
        return full();
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Merges both ends and the baseline in path order. */
    private Plan full() {
        try (Stream<SideEntry> source = context.entries(Side.SOURCE);
                Stream<SideEntry> target = context.entries(Side.TARGET);
                Stream<BaselineEntry> agreed = baseline.entries()) {
            Ordered<SideEntry> s = new Ordered<>("source", source.iterator(), SideEntry::path);
            Ordered<SideEntry> t = new Ordered<>("target", target.iterator(), SideEntry::path);
            Ordered<BaselineEntry> b = new Ordered<>("baseline", agreed.iterator(), BaselineEntry::path);
            while (s.current != null || t.current != null || b.current != null) {
                String path = min(min(s.path(), t.path()), b.path());
                SideEntry se = s.take(path);
                SideEntry te = t.take(path);
                BaselineEntry be = b.take(path);
                count(Side.SOURCE, se);
                count(Side.TARGET, te);
                decide(path, se, te, be == null ? null : be.facts());
            }
        }
        return build(Resolution.FULL, true, true);
    }

    /**
     * Reads the paths changed on either end since the checkpoint and those a user decided (a
     * decided directory with everything under it), each with its ancestors: a directory conflict
     * (pending or decided) governs its subtree, so it is decided again before any path under it.
     */
    private Plan incremental(Checkpoint checkpoint) {
        incremental = true;
        TreeSet<String> paths = new TreeSet<>();
        for (Side side : Side.values()) {
            Map<String, SideEntry> latest = changed.get(side);
            try (Stream<SideEntry> changes = context.changes(side, checkpoint.sequence(side))) {
                changes.forEach(e -> {
                    latest.put(e.path(), e);
                    withAncestors(paths, e.path());
                });
            }
        }
        for (String decided : decisions.keySet()) {
            withAncestors(paths, decided);
            for (Side side : Side.values()) {
                try (Stream<SideEntry> under = context.subtree(side, decided)) {
                    under.forEach(e -> paths.add(e.path()));
                }
            }
            try (Stream<BaselineEntry> under = baseline.subtree(decided)) {
                under.forEach(e -> paths.add(e.path()));
            }
        }
        Map<String, EntryFacts> agreed = readAhead(paths);
        for (String path : paths) {
            decide(path, live(Side.SOURCE, path), live(Side.TARGET, path), agreed.get(path));
        }
        dropDeletesOfSurvivingDirectories();
        boolean[] count = new boolean[2];
        for (Side side : Side.values()) {
            if (removes(side)) {
                count[side.ordinal()] = true;
                EntryCount counted = context.count(side);
                entries[side.ordinal()] = counted.entries();
                files[side.ordinal()] = counted.files();
            }
        }
        return build(Resolution.INCREMENTAL, count[0], count[1]);
    }

    /**
     * Reads what deciding the paths needs, two readers at once: the baseline's facts of every path
     * on the lookup executor (returned), the index entries of both ends for the paths an end did not
     * change on the calling thread (kept for {@link #live}). Point reads are most of an incremental
     * resolution's time.
     */
    private Map<String, EntryFacts> readAhead(Set<String> paths) {
        CompletableFuture<Map<String, EntryFacts>> agreed;
        try {
            agreed = CompletableFuture.supplyAsync(() -> agreedFacts(paths), lookups);
        } catch (RejectedExecutionException e) {
            agreed = CompletableFuture.completedFuture(agreedFacts(paths)); // the mode is stopping
        }
        try {
            for (Side side : Side.values()) {
                Map<String, SideEntry> latest = changed.get(side);
                Map<String, SideEntry> read = unchanged.get(side);
                for (String path : paths) {
                    if (!latest.containsKey(path)) {
                        read.put(path, context.entry(side, path).orElse(null));
                    }
                }
            }
        } catch (RuntimeException e) {
            try {
                agreed.join(); // the baseline is closed after this resolution: not while still read
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try {
            return agreed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Map<String, EntryFacts> agreedFacts(Set<String> paths) {
        Map<String, EntryFacts> agreed = new HashMap<>();
        for (String path : paths) {
            baseline.entry(path).ifPresent(facts -> agreed.put(path, facts));
        }
        return agreed;
    }

    private static void withAncestors(Set<String> paths, String path) {
        for (String p = path; paths.add(p); ) {
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return;
            }
            p = p.substring(0, slash);
        }
    }

    // ---- the rules -----------------------------------------------------------------------------

    /** The rules for one path; {@code s} and {@code t} are live entries or null, {@code b} the baseline's. */
    private void decide(String path, SideEntry s, SideEntry t, EntryFacts b) {
        if (frozen.covers(path) || underUnreadable(path)) {
            return;
        }
        if (displaced.get(Side.SOURCE).covers(path)
                || displaced.get(Side.TARGET).covers(path)) {
            return; // goes with the displaced directory above it
        }
        if (skip(path, Side.SOURCE, s) || skip(path, Side.TARGET, t)) {
            return;
        }
        Region region = region(path);
        if (region != null) {
            region.decide(path, s, t, b);
            return;
        }
        if (s == null && t == null) {
            forget(path, b);
            return;
        }
        if (s != null && t != null && same(s.facts(), t.facts())) {
            if (b == null || !same(s.facts(), b)) {
                baselineUpdates.add(BaselineUpdate.record(path, s.facts()));
            }
            return;
        }
        if (!firstRun && b != null && b.isDirectory()) {
            // a directory deleted (or replaced) on one end whose copy on the other end holds changes
            for (Side deleting : Side.values()) {
                SideEntry x = entry(deleting, s, t);
                SideEntry y = entry(deleting.other(), s, t);
                if (y != null && isDirectory(y) && (x == null || !isDirectory(x))) {
                    Set<String> changed = changedUnder(deleting.other(), path);
                    if (!changed.isEmpty()) {
                        ConflictType type = x == null ? ConflictType.DELETED_VS_MODIFIED : ConflictType.TYPE_MISMATCH;
                        conflict(path, type, s, t, b, changed);
                        return;
                    }
                }
            }
        }
        boolean sourceChanged = firstRun ? s != null : !same(s, b);
        boolean targetChanged = firstRun ? t != null : !same(t, b);
        if (sourceChanged && !targetChanged) {
            propagate(path, Direction.SOURCE_TO_TARGET, s, t);
        } else if (targetChanged && !sourceChanged) {
            propagate(path, Direction.TARGET_TO_SOURCE, t, s);
        } else if (s != null && t != null && s.facts().sameContent(t.facts())) {
            // the same content with different metadata: the newer metadata goes to the other end
            Side newer = t.facts().mtimeNanos() > s.facts().mtimeNanos() ? Side.TARGET : Side.SOURCE;
            SideEntry from = entry(newer, s, t);
            SideEntry to = entry(newer.other(), s, t);
            copies.add(new UpdateMetadata(path, Direction.towards(newer.other()), from.facts(), to.facts()));
        } else {
            ConflictType type = s == null || t == null
                    ? ConflictType.DELETED_VS_MODIFIED
                    : s.entry().kind() != t.entry().kind() ? ConflictType.TYPE_MISMATCH : ConflictType.BOTH_MODIFIED;
            conflict(path, type, s, t, b, null);
        }
    }

    /**
     * Decides a conflict and carries out the decision.
     *
     * @param changed for a directory deleted on one end, the changed paths under it on the other end
     *     (with their ancestors), else null
     */
    private void conflict(String path, ConflictType type, SideEntry s, SideEntry t, EntryFacts b, Set<String> changed) {
        Conflict conflict = new Conflict(
                path,
                type,
                Optional.ofNullable(s).map(SideEntry::facts),
                Optional.ofNullable(t).map(SideEntry::facts),
                Optional.ofNullable(b));
        ConflictDecision decision = decisions.get(path);
        String by = USER;
        if (decision == null) {
            decision = strategy.decide(conflict);
            by = strategyName;
            if (decision == null) {
                throw new ResolverException("Conflict strategy '" + strategyName + "' gave no decision for " + path);
            }
        }
        if (decision.isPending()) {
            conflicts.add(new PlannedConflict(conflict, by, decision, Optional.empty()));
            if ((s != null && isDirectory(s)) || (t != null && isDirectory(t))) {
                frozen.add(path);
            }
            return;
        }
        Side winner = decision.winner().orElseThrow();
        Side loser = winner.other();
        SideEntry w = entry(winner, s, t);
        SideEntry l = entry(loser, s, t);
        boolean keep = decision.keepLoser() && l != null && !isDirectory(l);
        Optional<String> copy = Optional.empty();
        if (keep) {
            String name = ConflictCopyNames.conflictCopy(path, clock.instant(), clock.getZone(), loser, this::taken);
            copyNames.add(name);
            copy = Optional.of(name);
            preserves.add(new Preserve(name, path, Direction.towards(loser), l.facts()));
            create(name, Direction.towards(winner), l.facts(), Optional.empty());
        }
        conflicts.add(new PlannedConflict(conflict, by, keep ? decision : ConflictDecision.wins(winner), copy));
        Direction toLoser = Direction.towards(loser);
        if (w != null && isDirectory(w)) {
            if (l != null) {
                displace(path, loser, l.facts());
            }
            copies.add(new CreateDirectory(path, toLoser, w.facts()));
            // a directory deleted on one end was scanned already: the winner is the end that kept it
            Set<String> keepers = changed != null ? changed : changedUnder(winner, path);
            regions.add(new Region(path, winner, keepers));
        } else if (l != null && isDirectory(l)) {
            if (w != null) {
                displace(path, loser, l.facts());
                create(path, toLoser, w.facts(), Optional.empty());
            } else {
                delete(path, loser, l.facts());
                regions.add(new Region(path, winner, null));
            }
        } else {
            propagate(path, toLoser, w, l);
        }
    }

    /** Brings the state of {@code from} (on {@code direction.from()}) to {@code to} (on {@code direction.to()}). */
    private void propagate(String path, Direction direction, SideEntry from, SideEntry to) {
        Side changed = direction.to();
        if (from == null) {
            if (to != null) {
                delete(path, changed, to.facts());
            }
            return;
        }
        EntryFacts source = from.facts();
        if (to == null) {
            create(path, direction, source, Optional.empty());
            return;
        }
        EntryFacts current = to.facts();
        if (source.kind() == current.kind()) {
            switch (source.kind()) {
                case FILE -> {
                    if (!source.sameContent(current)) {
                        copies.add(new Copy(path, direction, source, Optional.of(current)));
                    } else if (!sameMetadata(source, current)) {
                        copies.add(new UpdateMetadata(path, direction, source, current));
                    }
                }
                case DIRECTORY -> {} // directories agree by kind alone
                case SYMLINK -> {
                    if (!source.symlinkTarget().equals(current.symlinkTarget())) {
                        copies.add(new CreateSymlink(path, direction, source, Optional.of(current)));
                    }
                }
                default -> throw new IllegalStateException("unexpected kind " + source.kind());
            }
            return;
        }
        if (source.isDirectory() || current.isDirectory()) {
            displace(path, changed, current);
            create(path, direction, source, Optional.empty());
        } else {
            create(path, direction, source, Optional.of(current)); // file <-> symlink: replaced in one rename
        }
    }

    private void create(String path, Direction direction, EntryFacts source, Optional<EntryFacts> replaced) {
        switch (source.kind()) {
            case FILE -> copies.add(new Copy(path, direction, source, replaced));
            case DIRECTORY -> copies.add(new CreateDirectory(path, direction, source));
            case SYMLINK -> copies.add(new CreateSymlink(path, direction, source, replaced));
            default -> throw new IllegalStateException("cannot create a " + source.kind());
        }
    }

    private void delete(String path, Side side, EntryFacts current) {
        deletes.add(new Delete(path, Direction.towards(side), current));
    }

    private void displace(String path, Side side, EntryFacts current) {
        List<Delete> subtree = new ArrayList<>();
        if (current.isDirectory()) {
            try (Stream<SideEntry> under = context.subtree(side, path)) {
                for (Iterator<SideEntry> it = under.iterator(); it.hasNext(); ) {
                    SideEntry e = it.next();
                    if (!e.path().equals(path)) {
                        subtree.add(new Delete(e.path(), Direction.towards(side), e.facts()));
                    }
                }
            }
            displaced.get(side).add(path);
        }
        copies.add(new Displace(path, Direction.towards(side), current, subtree));
    }

    private void forget(String path, EntryFacts b) {
        if (b != null) {
            baselineUpdates.add(BaselineUpdate.forget(path));
        }
    }

    /**
     * The paths under a directory of an end that changed since the baseline (created or modified;
     * unreadable and special entries do not count), with their ancestors below the directory.
     */
    private Set<String> changedUnder(Side side, String directory) {
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
                    delete(path, winner.other(), l.facts());
                } else if (w == null) {
                    forget(path, b);
                }
                return;
            }
            if (w == null) {
                if (l == null) {
                    forget(path, b);
                }
                return;
            }
            if (keep.contains(path)) {
                propagate(path, Direction.towards(winner.other()), w, l);
            } else if (l == null) {
                delete(path, winner, w.facts());
            }
        }
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

    /** Reports an entry the plan must leave alone; true if it is one. */
    private boolean skip(String path, Side side, SideEntry e) {
        if (e == null) {
            return false;
        }
        String reason = unusable(e);
        if (reason == null) {
            return false;
        }
        skipped.add(new Skipped(path, side, reason.replace("%s", side.name().toLowerCase(Locale.ROOT))));
        if (e.entry().error().isPresent() && isDirectory(e)) {
            frozen.add(path);
        }
        return true;
    }

    /** Why an entry cannot be synced ({@code %s} for the end's name), or null. */
    private static String unusable(SideEntry e) {
        if (e.entry().error().isPresent()) {
            return "cannot be read in the %s: " + e.entry().error().get();
        }
        if (e.entry().kind() == EntryKind.OTHER) {
            return "special file in the %s (not a file, directory or symlink)";
        }
        if (e.entry().kind() == EntryKind.SYMLINK && e.entry().symlinkTarget().isEmpty()) {
            return "symlink in the %s whose target is unknown";
        }
        return null;
    }

    /** Whether a path lies under an unreadable directory of either end (incremental reads only). */
    private boolean underUnreadable(String path) {
        if (!incremental) {
            return false; // the merge met every directory before its subtree
        }
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            String ancestor = path.substring(0, i);
            for (Side side : Side.values()) {
                boolean guarded = unreadableAncestors.get(side).computeIfAbsent(ancestor, a -> Optional.ofNullable(
                                live(side, a))
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

    /** Whether a conflict copy name is in use: on either end, or by this plan. */
    private boolean taken(String path) {
        return copyNames.contains(path) || live(Side.SOURCE, path) != null || live(Side.TARGET, path) != null;
    }

    // ---- comparisons ---------------------------------------------------------------------------

    /** The same state: kind, and size, hash, mtime, mode for files; link text for symlinks. */
    static boolean same(EntryFacts a, EntryFacts b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case FILE -> a.sameContent(b) && sameMetadata(a, b);
            case DIRECTORY -> true;
            case SYMLINK -> a.symlinkTarget().equals(b.symlinkTarget());
            default -> false;
        };
    }

    private static boolean same(SideEntry e, EntryFacts b) {
        if (e == null || b == null) {
            return e == null && b == null;
        }
        return same(e.facts(), b);
    }

    private static boolean sameMetadata(EntryFacts a, EntryFacts b) {
        boolean sameMode = a.mode() < 0 || b.mode() < 0 || a.mode() == b.mode();
        return sameMode
                && Math.floorDiv(a.mtimeNanos(), MTIME_GRANULARITY_NANOS)
                        == Math.floorDiv(b.mtimeNanos(), MTIME_GRANULARITY_NANOS);
    }

    private static boolean isDirectory(SideEntry e) {
        return e.entry().kind() == EntryKind.DIRECTORY;
    }

    private static SideEntry entry(Side side, SideEntry s, SideEntry t) {
        return side == Side.SOURCE ? s : t;
    }

    /**
     * The live entry of an end at a path, or null: from the changes read, else as read ahead, else
     * from the index.
     */
    private SideEntry live(Side side, String path) {
        Map<String, SideEntry> latest = changed.get(side);
        Map<String, SideEntry> read = unchanged.get(side);
        SideEntry entry;
        if (latest.containsKey(path)) {
            entry = latest.get(path);
        } else if (read.containsKey(path)) {
            entry = read.get(path);
        } else {
            entry = context.entry(side, path).orElse(null);
        }
        return entry != null && entry.live() ? entry : null;
    }

    // ---- the plan ------------------------------------------------------------------------------

    /**
     * Drops the delete of a directory while anything under it on that end survives the plan (an
     * entry left alone, or one kept by a pending conflict): a directory is deleted only with all
     * its content.
     */
    private void dropDeletesOfSurvivingDirectories() {
        deletes.sort(Comparator.comparing(Delete::path).reversed());
        Map<Side, Set<String>> gone = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            gone.put(side, new HashSet<>());
        }
        for (Delete d : deletes) {
            gone.get(d.direction().to()).add(d.path());
        }
        for (Iterator<Delete> it = deletes.iterator(); it.hasNext(); ) {
            Delete d = it.next();
            if (!d.directory()) {
                continue;
            }
            Side side = d.direction().to();
            Set<String> removed = gone.get(side);
            boolean survivor;
            try (Stream<SideEntry> under = context.subtree(side, d.path())) {
                survivor = under.anyMatch(e -> !e.path().equals(d.path()) && !removed.contains(e.path()));
            }
            if (survivor) {
                removed.remove(d.path());
                it.remove();
            }
        }
    }

    private boolean removes(Side side) {
        Direction towards = Direction.towards(side);
        return deletes.stream().anyMatch(d -> d.direction() == towards)
                || copies.stream().anyMatch(op -> op instanceof Displace && op.direction() == towards);
    }

    private void count(Side side, SideEntry e) {
        if (e == null) {
            return;
        }
        entries[side.ordinal()]++;
        if (e.entry().kind() != EntryKind.DIRECTORY) {
            files[side.ordinal()]++;
        }
    }

    private SideStats stats(Side side, boolean counted) {
        if (!counted) {
            return SideStats.notCounted();
        }
        Direction towards = Direction.towards(side);
        long removedEntries = 0;
        long removedFiles = 0;
        for (Delete d : deletes) {
            if (d.direction() == towards) {
                removedEntries++;
                removedFiles += d.directory() ? 0 : 1;
            }
        }
        for (Operation op : copies) {
            if (op instanceof Displace d && d.direction() == towards) {
                removedEntries += 1 + d.descendants();
                removedFiles += (d.directory() ? 0 : 1) + d.descendantFiles();
            }
        }
        return new SideStats(entries[side.ordinal()], files[side.ordinal()], removedEntries, removedFiles);
    }

    private Plan build(Resolution resolution, boolean countSource, boolean countTarget) {
        if (resolution == Resolution.FULL) {
            dropDeletesOfSurvivingDirectories();
        }
        List<Operation> copyPhase = new ArrayList<>(preserves.size() + copies.size());
        preserves.sort(Comparator.comparing(Preserve::path));
        copyPhase.addAll(preserves);
        copies.sort(Comparator.comparing(Operation::path)); // stable: a displacement stays before its creation
        copyPhase.addAll(copies);
        deletes.sort(Comparator.comparing(Delete::path).reversed()); // content before its directory
        conflicts.sort(Comparator.comparing(PlannedConflict::path));
        baselineUpdates.sort(Comparator.comparing(BaselineUpdate::path));
        return new Plan(
                context.request().conduitId(),
                BidirectionalMode.NAME,
                resolution,
                context.current(),
                copyPhase,
                deletes,
                skipped,
                stats(Side.SOURCE, countSource),
                stats(Side.TARGET, countTarget),
                conflicts,
                baselineUpdates);
    }

    private static String min(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A stream in strictly ascending path order (the merge relies on it). */
    private static final class Ordered<T> {
        private final String name;
        private final Iterator<T> it;
        private final java.util.function.Function<T, String> path;
        T current;

        Ordered(String name, Iterator<T> it, java.util.function.Function<T, String> path) {
            this.name = name;
            this.it = it;
            this.path = path;
            advance();
        }

        String path() {
            return current == null ? null : path.apply(current);
        }

        /** The current element if it is at {@code at} (and moves on), else null. */
        T take(String at) {
            if (current == null || !path.apply(current).equals(at)) {
                return null;
            }
            T taken = current;
            advance();
            return taken;
        }

        private void advance() {
            String last = current == null ? null : path.apply(current);
            current = it.hasNext() ? it.next() : null;
            if (current != null && last != null && path.apply(current).compareTo(last) <= 0) {
                throw new ResolverException("The " + name + " streamed out of path order: '" + path.apply(current)
                        + "' after '" + last + "'");
            }
        }
    }
}
