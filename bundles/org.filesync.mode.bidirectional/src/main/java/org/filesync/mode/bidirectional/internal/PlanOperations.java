package org.filesync.mode.bidirectional.internal;

import static org.filesync.mode.bidirectional.internal.EntryChecks.sameMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.BaselineUpdate;
import org.filesync.resolver.Copy;
import org.filesync.resolver.CreateDirectory;
import org.filesync.resolver.CreateSymlink;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Displace;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.PrefixSet;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.Skipped;
import org.filesync.resolver.UpdateMetadata;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.resolver.conflict.Preserve;
import org.filesync.resolver.moves.MovePairing;

/**
 * A bidirectional plan as it grows: the operations, skipped paths, conflicts and baseline updates
 * one resolution found, the primitive operations the rules are made of, and the final plan.
 */
final class PlanOperations {

    private final ResolutionContext context;
    private final List<Preserve> preserves = new ArrayList<>();
    private final List<Operation> copies = new ArrayList<>();
    private final List<Delete> deletes = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<PlannedConflict> conflicts = new ArrayList<>();
    private final List<BaselineUpdate> baselineUpdates = new ArrayList<>();
    /** Directories displaced by this plan, per end changed: what is under them goes with them. */
    private final Map<Side, PrefixSet> displaced = new EnumMap<>(Side.class);

    PlanOperations(ResolutionContext context) {
        this.context = context;
        for (Side side : Side.values()) {
            displaced.put(side, new PrefixSet());
        }
    }

    /** Whether a path lies under a directory this plan displaces on either end. */
    boolean displaced(String path) {
        return displaced.get(Side.SOURCE).covers(path)
                || displaced.get(Side.TARGET).covers(path);
    }

    void add(Operation copyPhase) {
        copies.add(copyPhase);
    }

    void preserve(Preserve preserve) {
        preserves.add(preserve);
    }

    void skip(Skipped path) {
        skipped.add(path);
    }

    void conflict(PlannedConflict conflict) {
        conflicts.add(conflict);
    }

    /** Both ends hold these facts at the path: the baseline records them. */
    void agreed(String path, EntryFacts facts) {
        baselineUpdates.add(BaselineUpdate.record(path, facts));
    }

    /** Neither end holds the path: the baseline forgets it, if it has it ({@code b}). */
    void forget(String path, EntryFacts b) {
        if (b != null) {
            baselineUpdates.add(BaselineUpdate.forget(path));
        }
    }

    /** Brings the state of {@code from} (on {@code direction.from()}) to {@code to} (on {@code direction.to()}). */
    void propagate(String path, Direction direction, SideEntry from, SideEntry to) {
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

    void create(String path, Direction direction, EntryFacts source, Optional<EntryFacts> replaced) {
        switch (source.kind()) {
            case FILE -> copies.add(new Copy(path, direction, source, replaced));
            case DIRECTORY -> copies.add(new CreateDirectory(path, direction, source));
            case SYMLINK -> copies.add(new CreateSymlink(path, direction, source, replaced));
            default -> throw new IllegalStateException("cannot create a " + source.kind());
        }
    }

    void delete(String path, Side side, EntryFacts current) {
        deletes.add(new Delete(path, Direction.towards(side), current));
    }

    /** Moves an entry of one end out of the way, a directory with everything under it. */
    void displace(String path, Side side, EntryFacts current) {
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

    /**
     * Drops the delete of a directory while anything under it on that end survives the plan (an
     * entry left alone, or one kept by a pending conflict): a directory is deleted only with all
     * its content.
     */
    void dropDeletesOfSurvivingDirectories() {
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

    /** The paths the plan deletes on that end (displacements aside). */
    Set<String> deletedPaths(Side side) {
        Set<String> paths = new HashSet<>();
        for (Delete d : deletes) {
            if (d.direction().to() == side) {
                paths.add(d.path());
            }
        }
        return paths;
    }

    /**
     * Puts the moves of one direction in place of the creations and deletes they cover: a moved
     * entry's creation becomes its move, the creations under a moved directory go (or become the
     * metadata updates of its files), and the deletes of the old paths go. Directories agree by
     * kind alone here, so the pairs' directory updates are not planned.
     */
    void move(Direction direction, MovePairing.Pairs pairs) {
        if (pairs.moves().isEmpty()) {
            return;
        }
        for (ListIterator<Operation> it = copies.listIterator(); it.hasNext(); ) {
            Operation op = it.next();
            if (op.direction() != direction || !pairs.movedIn().contains(op.path())) {
                continue;
            }
            Operation instead = pairs.moves().get(op.path());
            if (instead == null) {
                instead = pairs.fileUpdates().get(op.path());
            }
            if (instead == null) {
                it.remove();
            } else {
                it.set(instead);
            }
        }
        deletes.removeIf(d -> d.direction() == direction && pairs.movedAway().contains(d.path()));
    }

    /** Whether the plan deletes or displaces anything on that end. */
    boolean removes(Side side) {
        Direction towards = Direction.towards(side);
        return deletes.stream().anyMatch(d -> d.direction() == towards)
                || copies.stream().anyMatch(op -> op instanceof Displace && op.direction() == towards);
    }

    /** The counts of an end that holds these entries and files, with what the plan removes from it. */
    SideStats stats(Side side, long entries, long files) {
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
        return new SideStats(entries, files, removedEntries, removedFiles);
    }

    /** The plan, in the order jobs carry it out. */
    Plan build(Resolution resolution, SideStats source, SideStats target) {
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
                source,
                target,
                conflicts,
                baselineUpdates);
    }
}
