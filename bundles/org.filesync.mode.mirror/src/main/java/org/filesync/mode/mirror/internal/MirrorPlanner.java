package org.filesync.mode.mirror.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.EntryCount;
import org.filesync.resolver.Checkpoint;
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
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.Skipped;
import org.filesync.resolver.UpdateMetadata;
import org.filesync.resolver.moves.MovePairing;

/**
 * One mirror resolution. {@link #decide} is the whole rule set, applied path by path in ascending
 * path order, either to the merge of both ends' full streams or to the paths changed since a
 * checkpoint (with their counterparts looked up); both ways give the same operations.
 *
 * <p>After the pass, {@link MovePairing} (shared with the other modes) turns a creation and a deletion that hold the same file, or
 * the same directory subtree, into one {@link org.filesync.resolver.Move}.
 *
 * <p>Memory holds the operations and a few subtree marks, never the unchanged entries.
 */
final class MirrorPlanner {

    /** Modification times are compared to the millisecond, as the jobs re-check them. */
    private static final long MTIME_GRANULARITY_NANOS = 1_000_000;

    private static final Direction DIRECTION = Direction.SOURCE_TO_TARGET;

    private final ResolutionContext context;
    private final List<Operation> copies = new ArrayList<>();
    private final List<UpdateMetadata> directoryUpdates = new ArrayList<>();
    private final List<Delete> deletes = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    /** The created and deleted entries, to find those that only moved. */
    private final MovePairing pairing = new MovePairing(DIRECTION, MirrorPlanner::sameMetadata);
    /** Target directories displaced by this plan: what is under them goes with them. */
    private final PrefixSet displaced = new PrefixSet();
    /** Source directories that could not be read: nothing under them is created, changed or deleted. */
    private final PrefixSet unreadable = new PrefixSet();
    /** Incremental only: whether a source path is an unreadable directory, by path. */
    private final Map<String, Boolean> unreadableAncestors = new HashMap<>();

    private boolean incremental;
    private long sourceEntries;
    private long sourceFiles;
    private long targetEntries;
    private long targetFiles;
    private long removedEntries;
    private long removedFiles;

    MirrorPlanner(ResolutionContext context) {
        this.context = context;
    }

    Plan plan() {
        Optional<Checkpoint> checkpoint = context.checkpoint();
        if (checkpoint.isPresent()) {
            return incremental(checkpoint.get());
        }
        return full();
    }

    /** Streams both ends in path order and merges them. */
    private Plan full() {
        try (Stream<SideEntry> source = context.entries(Side.SOURCE);
                Stream<SideEntry> target = context.entries(Side.TARGET)) {
            Ordered s = new Ordered(Side.SOURCE, source.iterator());
            Ordered t = new Ordered(Side.TARGET, target.iterator());
            SideEntry a = s.next();
            SideEntry b = t.next();
            while (a != null || b != null) {
                int c = a == null ? 1 : b == null ? -1 : a.path().compareTo(b.path());
                if (c < 0) {
                    countSource(a);
                    decide(a.path(), a, null);
                    a = s.next();
                } else if (c > 0) {
                    countTarget(b);
                    decide(b.path(), null, b);
                    b = t.next();
                } else {
                    countSource(a);
                    countTarget(b);
                    decide(a.path(), a, b);
                    a = s.next();
                    b = t.next();
                }
            }
        }
        return build(Resolution.FULL, true, pairMoves());
    }

    /**
     * Reads the paths changed on either end since the checkpoint and decides each with its
     * counterpart; the changed entries come with their latest state, so only the other end's
     * entry is looked up.
     */
    private Plan incremental(Checkpoint checkpoint) {
        incremental = true;
        TreeSet<String> paths = new TreeSet<>();
        Map<Side, Map<String, SideEntry>> changed = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            Map<String, SideEntry> latest = new HashMap<>();
            try (Stream<SideEntry> changes = context.changes(side, checkpoint.sequence(side))) {
                changes.forEach(e -> {
                    latest.put(e.path(), e);
                    paths.add(e.path());
                });
            }
            changed.put(side, latest);
        }
        for (String path : paths) {
            decide(path, live(Side.SOURCE, path, changed), live(Side.TARGET, path, changed));
        }
        MovePairing.Pairs moves = pairMoves();
        if (removedEntries > 0) {
            // the safety limits need the share of the target's files removed: count both ends
            EntryCount source = context.count(Side.SOURCE);
            EntryCount target = context.count(Side.TARGET);
            sourceEntries = source.entries();
            sourceFiles = source.files();
            targetEntries = target.entries();
            targetFiles = target.files();
        }
        return build(Resolution.INCREMENTAL, removedEntries > 0, moves);
    }

    /** The rules of mirror for one path; {@code s} and {@code t} are live entries or null. */
    private void decide(String path, SideEntry s, SideEntry t) {
        if (s == null && t == null) {
            return;
        }
        if (t != null && displaced.covers(path)) {
            return; // goes with the displaced directory above it (counted there)
        }
        if (underUnreadable(path)) {
            return; // the unreadable source directory above it is reported; nothing under it is touched
        }
        if (s == null) {
            delete(path, t.facts());
            pairing.removed(path, t.facts());
            return;
        }
        EntryFacts source = s.facts();
        Optional<String> error = s.entry().error();
        if (error.isPresent()) {
            skip(path, t, "cannot be read in the source: " + error.get());
            if (source.isDirectory()) {
                unreadable.add(path);
            }
            return;
        }
        if (source.kind() == EntryKind.OTHER) {
            skip(path, t, "special file (not a file, directory or symlink)");
            return;
        }
        if (source.kind() == EntryKind.SYMLINK && source.symlinkTarget().isEmpty()) {
            skip(path, t, "symlink whose target is unknown");
            return;
        }
        if (t == null) {
            create(path, source, Optional.empty());
            pairing.created(path, source);
            return;
        }
        EntryFacts target = t.facts();
        if (source.kind() == target.kind()) {
            switch (source.kind()) {
                case FILE -> {
                    if (!source.sameContent(target)) {
                        copies.add(new Copy(path, DIRECTION, source, Optional.of(target)));
                    } else if (!sameMetadata(source, target)) {
                        copies.add(new UpdateMetadata(path, DIRECTION, source, target));
                    }
                }
                case DIRECTORY -> {
                    if (!sameMetadata(source, target)) {
                        directoryUpdates.add(new UpdateMetadata(path, DIRECTION, source, target));
                    }
                }
                case SYMLINK -> {
                    if (!source.symlinkTarget().equals(target.symlinkTarget())) {
                        copies.add(new CreateSymlink(path, DIRECTION, source, Optional.of(target)));
                    }
                }
                default -> throw new IllegalStateException("unexpected kind " + source.kind());
            }
            return;
        }
        if (source.isDirectory() || target.isDirectory() || target.kind() == EntryKind.OTHER) {
            displace(path, target);
            create(path, source, Optional.empty());
        } else {
            create(path, source, Optional.of(target)); // file <-> symlink: replaced in one rename
        }
    }

    private void skip(String path, SideEntry target, String reason) {
        skipped.add(new Skipped(path, Side.SOURCE, reason));
        if (target == null) {
            pairing.unpairable(path);
        }
    }

    private void create(String path, EntryFacts source, Optional<EntryFacts> replaced) {
        switch (source.kind()) {
            case FILE -> copies.add(new Copy(path, DIRECTION, source, replaced));
            case DIRECTORY -> copies.add(new CreateDirectory(path, DIRECTION, source));
            case SYMLINK -> copies.add(new CreateSymlink(path, DIRECTION, source, replaced));
            default -> throw new IllegalStateException("cannot create a " + source.kind());
        }
    }

    private void delete(String path, EntryFacts target) {
        deletes.add(new Delete(path, DIRECTION, target));
        removedEntries++;
        if (!target.isDirectory()) {
            removedFiles++;
        }
    }

    private void displace(String path, EntryFacts target) {
        List<Delete> subtree = new ArrayList<>();
        if (target.isDirectory()) {
            try (Stream<SideEntry> under = context.subtree(Side.TARGET, path)) {
                for (Iterator<SideEntry> it = under.iterator(); it.hasNext(); ) {
                    SideEntry e = it.next();
                    if (!e.path().equals(path)) {
                        subtree.add(new Delete(e.path(), DIRECTION, e.facts()));
                    }
                }
            }
            displaced.add(path);
        }
        Displace displace = new Displace(path, DIRECTION, target, subtree);
        copies.add(displace);
        removedEntries += 1 + displace.descendants();
        removedFiles += (target.isDirectory() ? 0 : 1) + displace.descendantFiles();
    }

    /** Whether a path lies under a source directory that could not be read. */
    private boolean underUnreadable(String path) {
        if (unreadable.covers(path)) {
            return true;
        }
        if (!incremental) {
            return false; // the merge met every source directory before its subtree
        }
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            String ancestor = path.substring(0, i);
            boolean guarded = unreadableAncestors.computeIfAbsent(ancestor, a -> context.entry(Side.SOURCE, a)
                    .filter(SideEntry::live)
                    .map(e -> e.entry().kind() == EntryKind.DIRECTORY
                            && e.entry().error().isPresent())
                    .orElse(false));
            if (guarded) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameMetadata(EntryFacts source, EntryFacts target) {
        boolean sameMode = source.mode() < 0 || target.mode() < 0 || source.mode() == target.mode();
        return sameMode
                && Math.floorDiv(source.mtimeNanos(), MTIME_GRANULARITY_NANOS)
                        == Math.floorDiv(target.mtimeNanos(), MTIME_GRANULARITY_NANOS);
    }

    private SideEntry live(Side side, String path, Map<Side, Map<String, SideEntry>> changed) {
        Map<String, SideEntry> latest = changed.get(side);
        Optional<SideEntry> entry =
                latest.containsKey(path) ? Optional.of(latest.get(path)) : context.entry(side, path);
        return entry.filter(SideEntry::live).orElse(null);
    }

    private void countSource(SideEntry e) {
        sourceEntries++;
        if (e.entry().kind() != EntryKind.DIRECTORY) {
            sourceFiles++;
        }
    }

    private void countTarget(SideEntry e) {
        targetEntries++;
        if (e.entry().kind() != EntryKind.DIRECTORY) {
            targetFiles++;
        }
    }

    /** Pairs the created and deleted entries that only moved; the moved entries no longer count as removed. */
    private MovePairing.Pairs pairMoves() {
        MovePairing.Pairs pairs = pairing.pair();
        removedEntries -= pairs.movedAwayEntries();
        removedFiles -= pairs.movedAwayFiles();
        return pairs;
    }

    private Plan build(Resolution resolution, boolean counted, MovePairing.Pairs moves) {
        List<Operation> copyPhase = new ArrayList<>(copies.size() + directoryUpdates.size());
        for (Operation op : copies) {
            if (!moves.movedIn().contains(op.path())) {
                copyPhase.add(op);
            } else if (moves.moves().containsKey(op.path())) {
                copyPhase.add(moves.moves().get(op.path()));
            } else if (moves.fileUpdates().containsKey(op.path())) {
                copyPhase.add(moves.fileUpdates().get(op.path()));
            }
        }
        List<UpdateMetadata> directories = new ArrayList<>(directoryUpdates);
        directories.addAll(moves.directoryUpdates());
        directories.sort(Comparator.comparing(UpdateMetadata::path)
                .reversed()); // deepest first: after everything written inside them
        copyPhase.addAll(directories);
        List<Delete> deletePhase = new ArrayList<>(deletes.size());
        for (Delete delete : deletes) {
            if (!moves.movedAway().contains(delete.path())) {
                deletePhase.add(delete);
            }
        }
        Collections.reverse(deletePhase); // content before its directory
        SideStats source = counted ? new SideStats(sourceEntries, sourceFiles, 0, 0) : SideStats.notCounted();
        SideStats target = counted
                ? new SideStats(targetEntries, targetFiles, removedEntries, removedFiles)
                : SideStats.notCounted();
        return new Plan(
                context.request().conduitId(),
                MirrorMode.NAME,
                resolution,
                context.current(),
                copyPhase,
                deletePhase,
                skipped,
                source,
                target);
    }

    /** An end's stream, checked to be in strictly ascending path order (the merge relies on it). */
    private static final class Ordered {
        private final Side side;
        private final Iterator<SideEntry> it;
        private String last;

        Ordered(Side side, Iterator<SideEntry> it) {
            this.side = side;
            this.it = it;
        }

        SideEntry next() {
            if (!it.hasNext()) {
                return null;
            }
            SideEntry e = it.next();
            if (last != null && e.path().compareTo(last) <= 0) {
                throw new ResolverException(
                        "The index streamed the " + side.name().toLowerCase(java.util.Locale.ROOT)
                                + " out of path order: '" + e.path() + "' after '" + last + "'");
            }
            last = e.path();
            return e;
        }
    }
}
