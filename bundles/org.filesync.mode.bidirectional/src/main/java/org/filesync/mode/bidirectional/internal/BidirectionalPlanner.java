package org.filesync.mode.bidirectional.internal;

import static org.filesync.mode.bidirectional.internal.EntryChecks.entry;
import static org.filesync.mode.bidirectional.internal.EntryChecks.isDirectory;
import static org.filesync.mode.bidirectional.internal.EntryChecks.same;
import static org.filesync.mode.bidirectional.internal.EntryChecks.unusable;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
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
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.conflict.ConflictCopyNames;
import org.filesync.index.EntryCount;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.BaselineEntry;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.CreateDirectory;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.Skipped;
import org.filesync.resolver.UpdateMetadata;
import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.filesync.resolver.conflict.ConflictType;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.resolver.conflict.Preserve;

/**
 * One bidirectional resolution. {@link #decide} is the table of docs/sync-modes.md, applied path by
 * path in ascending path order, either to the three-way merge of both ends and the baseline or to
 * the paths changed on either end since a checkpoint (each looked up on both ends and in the
 * baseline); both ways give the same plan.
 *
 * <p>This class reads the ends and the baseline and holds the per-path decision table; what a
 * decision at a directory means for the paths under it (a conflict at a directory governs its
 * whole subtree, pending and unreadable directories are left alone) is {@link DirectoryCascades}'
 * part, the operations and the final plan are {@link PlanOperations}', and the creations and
 * deletions of one end that only moved become moves through {@link OneEndMoves} after the pass;
 * who decides a conflict is {@link ConflictDecisions}'.
 */
final class BidirectionalPlanner {

    private final ResolutionContext context;
    private final Baseline baseline;
    private final boolean firstRun;
    private final ConflictDecisions decisions;
    private final Clock clock;

    private final PlanOperations plan;
    private final DirectoryCascades cascades;
    /** The creations and deletions of one end that may be moves. */
    private final OneEndMoves moves;
    /** Conflict copy names this plan uses. */
    private final Set<String> copyNames = new HashSet<>();
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
        this.decisions =
                new ConflictDecisions(strategyName, strategy, context.request().decisions());
        this.clock = clock;
        this.plan = new PlanOperations(context);
        this.cascades = new DirectoryCascades(context, plan, this::live);
        this.moves = new OneEndMoves(context);
        for (Side side : Side.values()) {
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
            OrderedStream<SideEntry> s = new OrderedStream<>("source", source.iterator(), SideEntry::path);
            OrderedStream<SideEntry> t = new OrderedStream<>("target", target.iterator(), SideEntry::path);
            OrderedStream<BaselineEntry> b = new OrderedStream<>("baseline", agreed.iterator(), BaselineEntry::path);
            while (!s.ended() || !t.ended() || !b.ended()) {
                String path = min(min(s.path(), t.path()), b.path());
                SideEntry se = s.take(path);
                SideEntry te = t.take(path);
                BaselineEntry be = b.take(path);
                count(Side.SOURCE, se);
                count(Side.TARGET, te);
                decide(path, se, te, be == null ? null : be.facts());
            }
        }
        plan.dropDeletesOfSurvivingDirectories();
        moves.pair(plan); // the creations and deletions that only moved become moves
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
        for (String decided : decisions.givenPaths()) {
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
        plan.dropDeletesOfSurvivingDirectories();
        moves.pair(plan); // the creations and deletions that only moved become moves
        boolean[] count = new boolean[2];
        for (Side side : Side.values()) {
            if (plan.removes(side)) {
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
        if (cascades.frozen(path) || (incremental && cascades.underUnreadable(path))) {
            return;
        }
        if (plan.displaced(path)) {
            return; // goes with the displaced directory above it
        }
        if (skip(path, Side.SOURCE, s) || skip(path, Side.TARGET, t)) {
            return;
        }
        if (cascades.followsRegion(path, s, t, b)) {
            return;
        }
        if (s == null && t == null) {
            plan.forget(path, b);
            return;
        }
        if (s != null && t != null && same(s.facts(), t.facts())) {
            if (b == null || !same(s.facts(), b)) {
                plan.agreed(path, s.facts());
            }
            return;
        }
        if (!firstRun && b != null && b.isDirectory()) {
            // a directory deleted (or replaced) on one end whose copy on the other end holds changes
            for (Side deleting : Side.values()) {
                SideEntry x = entry(deleting, s, t);
                SideEntry y = entry(deleting.other(), s, t);
                if (y != null && isDirectory(y) && (x == null || !isDirectory(x))) {
                    Set<String> changed = cascades.changedUnder(deleting.other(), path);
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
            moves.propagated(path, Direction.SOURCE_TO_TARGET, s, t);
            plan.propagate(path, Direction.SOURCE_TO_TARGET, s, t);
        } else if (targetChanged && !sourceChanged) {
            moves.propagated(path, Direction.TARGET_TO_SOURCE, t, s);
            plan.propagate(path, Direction.TARGET_TO_SOURCE, t, s);
        } else if (s != null && t != null && s.facts().sameContent(t.facts())) {
            // the same content with different metadata: the newer metadata goes to the other end
            Side newer = t.facts().mtimeNanos() > s.facts().mtimeNanos() ? Side.TARGET : Side.SOURCE;
            SideEntry from = entry(newer, s, t);
            SideEntry to = entry(newer.other(), s, t);
            plan.add(new UpdateMetadata(path, Direction.towards(newer.other()), from.facts(), to.facts()));
        } else {
            ConflictType type = s == null || t == null
                    ? ConflictType.DELETED_VS_MODIFIED
                    : s.entry().kind() != t.entry().kind() ? ConflictType.TYPE_MISMATCH : ConflictType.BOTH_MODIFIED;
            if (type == ConflictType.DELETED_VS_MODIFIED && editedFileDeletedOnOneEnd(path, s, t, b)) {
                conflictUnlessMoved(path, s, t, b);
            } else {
                conflict(path, type, s, t, b, null);
            }
        }
    }

    /**
     * Decides the {@code deleted_vs_modified} conflict of a file one end deleted and the other
     * edited, and carries the decision out after the pass unless the deleting end only moved the
     * file ({@link OneEndMoves}). A conflict the strategy leaves pending is carried out at once: a
     * later incremental pass, which reads only the paths changed since, would not see it again to
     * pair it, so a full one must not either.
     */
    private void conflictUnlessMoved(String path, SideEntry s, SideEntry t, EntryFacts b) {
        Conflict conflict = conflictAt(path, ConflictType.DELETED_VS_MODIFIED, s, t, b);
        ConflictDecisions.Decided decided = decisions.decide(conflict);
        if (decided.decision().isPending()) {
            carryOut(conflict, decided, s, t, b, null);
            return;
        }
        Side deleting = s == null ? Side.SOURCE : Side.TARGET;
        moves.editedAway(new OneEndMoves.EditedAway(
                path, deleting, entry(deleting.other(), s, t), b, () -> carryOut(conflict, decided, s, t, b, null)));
    }

    /**
     * Whether a path is a file in the baseline that one end deleted and the other still holds as an
     * edited file, with no decision given for it: a move of the deleting end keeps the edit.
     */
    private boolean editedFileDeletedOnOneEnd(String path, SideEntry s, SideEntry t, EntryFacts b) {
        SideEntry kept = s == null ? t : s;
        return !firstRun
                && b != null
                && b.kind() == EntryKind.FILE
                && kept.entry().kind() == EntryKind.FILE
                && !decisions.givenFor(path);
    }

    /**
     * Decides a conflict and carries out the decision.
     *
     * @param changed for a directory deleted on one end, the changed paths under it on the other end
     *     (with their ancestors), else null
     */
    private void conflict(String path, ConflictType type, SideEntry s, SideEntry t, EntryFacts b, Set<String> changed) {
        Conflict conflict = conflictAt(path, type, s, t, b);
        carryOut(conflict, decisions.decide(conflict), s, t, b, changed);
    }

    private static Conflict conflictAt(String path, ConflictType type, SideEntry s, SideEntry t, EntryFacts b) {
        return new Conflict(
                path,
                type,
                Optional.ofNullable(s).map(SideEntry::facts),
                Optional.ofNullable(t).map(SideEntry::facts),
                Optional.ofNullable(b));
    }

    /** Carries out the decision of a conflict. */
    private void carryOut(
            Conflict conflict,
            ConflictDecisions.Decided decided,
            SideEntry s,
            SideEntry t,
            EntryFacts b,
            Set<String> changed) {
        String path = conflict.path();
        ConflictDecision decision = decided.decision();
        String by = decided.by();
        if (decision.isPending()) {
            plan.conflict(new PlannedConflict(conflict, by, decision, Optional.empty()));
            if ((s != null && isDirectory(s)) || (t != null && isDirectory(t))) {
                cascades.freeze(path);
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
            plan.preserve(new Preserve(name, path, Direction.towards(loser), l.facts()));
            plan.create(name, Direction.towards(winner), l.facts(), Optional.empty());
        }
        plan.conflict(new PlannedConflict(conflict, by, keep ? decision : ConflictDecision.wins(winner), copy));
        Direction toLoser = Direction.towards(loser);
        if (w != null && isDirectory(w)) {
            if (l != null) {
                plan.displace(path, loser, l.facts());
            }
            plan.add(new CreateDirectory(path, toLoser, w.facts()));
            // a directory deleted on one end was scanned already: the winner is the end that kept it
            Set<String> keepers = changed != null ? changed : cascades.changedUnder(winner, path);
            cascades.open(path, winner, keepers);
        } else if (l != null && isDirectory(l)) {
            if (w != null) {
                plan.displace(path, loser, l.facts());
                plan.create(path, toLoser, w.facts(), Optional.empty());
            } else {
                plan.delete(path, loser, l.facts());
                cascades.open(path, winner, null);
            }
        } else {
            plan.propagate(path, toLoser, w, l);
        }
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
        plan.skip(new Skipped(path, side, reason.replace("%s", side.name().toLowerCase(Locale.ROOT))));
        moves.skipped(path, side);
        if (e.entry().error().isPresent() && isDirectory(e)) {
            cascades.freeze(path);
        }
        return true;
    }

    /** Whether a conflict copy name is in use: on either end, or by this plan. */
    private boolean taken(String path) {
        return copyNames.contains(path) || live(Side.SOURCE, path) != null || live(Side.TARGET, path) != null;
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

    // ---- counting ------------------------------------------------------------------------------

    private void count(Side side, SideEntry e) {
        if (e == null) {
            return;
        }
        entries[side.ordinal()]++;
        if (e.entry().kind() != EntryKind.DIRECTORY) {
            files[side.ordinal()]++;
        }
    }

    private Plan build(Resolution resolution, boolean countSource, boolean countTarget) {
        return plan.build(resolution, stats(Side.SOURCE, countSource), stats(Side.TARGET, countTarget));
    }

    private SideStats stats(Side side, boolean counted) {
        return counted ? plan.stats(side, entries[side.ordinal()], files[side.ordinal()]) : SideStats.notCounted();
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
}
