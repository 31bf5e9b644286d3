package org.filesync.mode.bidirectional.internal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Move;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.moves.MovePairing;

/**
 * The moves of a bidirectional plan, judged against the baseline like any change: an entry one end
 * (the moving end) renamed since the baseline, a file of the same kind, size and hash or a directory
 * of the same subtree, while the other end still holds the old path as agreed and nothing at the new
 * one, is renamed on the other end too ({@link Move}) instead of copied again and deleted. The
 * pairing itself is {@link MovePairing}'s, one per direction.
 *
 * <p>An old path that the other end edited keeps the edit, without a conflict: the moved content
 * reaches the other end under its new name (the ordinary copy), and the edited file comes back to
 * the moving end under the old name. An old path the other end deleted too, or a new path it
 * created too, is no move: those paths follow the ordinary rules.
 *
 * <p>The planner feeds the ordinary one-ended creations and deletions during its pass; {@link
 * #pair} runs once after it. Memory holds the created and removed entries only.
 */
final class OneEndMoves {

    /**
     * A file one end deleted and the other edited since the baseline: a {@code deleted_vs_modified}
     * conflict, unless the deleting end only moved it.
     *
     * @param path the old path
     * @param deleting the end that no longer holds it
     * @param edited the other end's live entry, an edited file
     * @param agreed the baseline's facts of the path: what a move must have carried away
     * @param otherwise carries out the conflict's decision, if it did not move
     */
    record EditedAway(String path, Side deleting, SideEntry edited, EntryFacts agreed, Runnable otherwise) {}

    private final Map<Direction, MovePairing> pairings = new EnumMap<>(Direction.class);
    /** The entries the plan deletes, per direction, fed to the pairing if their delete survives. */
    private final Map<Direction, Map<String, EntryFacts>> removed = new EnumMap<>(Direction.class);
    /** The files deleted on the moving end and edited on the other, per direction (towards the editor). */
    private final Map<Direction, Map<String, EditedAway>> edited = new EnumMap<>(Direction.class);

    private final ResolutionContext context;

    OneEndMoves(ResolutionContext context) {
        this.context = context;
        for (Direction direction : Direction.values()) {
            pairings.put(direction, new MovePairing(direction, EntryChecks::sameMetadata));
            removed.put(direction, new HashMap<>());
            edited.put(direction, new HashMap<>());
        }
    }

    /**
     * A change of one end only that the plan brings to the other: a creation ({@code to} null) or a
     * deletion ({@code from} null) is a candidate half of a move.
     */
    void propagated(String path, Direction direction, SideEntry from, SideEntry to) {
        if (from != null && to == null) {
            pairings.get(direction).created(path, from.facts());
        } else if (from == null && to != null) {
            removed.get(direction).put(path, to.facts());
        }
    }

    /** An entry of an end the plan leaves alone: no directory above it moves to the other end. */
    void skipped(String path, Side side) {
        pairings.get(Direction.towards(side.other())).unpairable(path);
    }

    /** A file one end deleted and the other end edited: its conflict waits for {@link #pair}. */
    void editedAway(EditedAway file) {
        edited.get(Direction.towards(file.deleting().other())).put(file.path(), file);
    }

    /**
     * Pairs the creations and deletions of each direction, puts the moves into the plan in place of
     * the copies and deletes they replace, and brings each edited old path whose content only moved
     * back to the moving end; the conflicts of the edited old paths that did not move are carried
     * out, in path order.
     */
    void pair(PlanOperations plan) {
        TreeMap<String, EditedAway> conflicts = new TreeMap<>();
        for (Direction direction : Direction.values()) {
            MovePairing pairing = pairings.get(direction);
            Set<String> deleted = plan.deletedPaths(direction.to());
            removed.get(direction).forEach((path, facts) -> {
                if (deleted.contains(path)) { // a directory that keeps some content is no delete, nor moved
                    pairing.removed(path, facts);
                }
            });
            Map<String, EditedAway> edits = edited.get(direction);
            // what the moving end moved is what the baseline held, before the other end's edit
            edits.forEach((path, file) -> pairing.removed(path, file.agreed()));
            MovePairing.Pairs pairs = pairing.pair(this::wholeSubtrees);
            Set<String> keptEdits = new HashSet<>();
            for (Move move : pairs.moves().values()) {
                if (edits.containsKey(move.from())) {
                    keptEdits.add(move.from());
                }
            }
            plan.move(direction, withoutKeptEdits(pairs, keptEdits));
            Direction back = Direction.towards(direction.from());
            edits.forEach((path, file) -> {
                if (keptEdits.contains(path)) {
                    plan.propagate(path, back, file.edited(), null);
                } else {
                    conflicts.put(path, file);
                }
            });
        }
        conflicts.values().forEach(file -> file.otherwise().run());
    }

    /**
     * Whether a directory move covers everything the index holds under both of its paths: an
     * incremental pass is fed only the paths changed since the checkpoint, which need not be the
     * whole subtree when the baseline and the ends disagreed before it (a pending conflict).
     */
    private boolean wholeSubtrees(Move move) {
        long entries = move.subtree().size() + 1L;
        return liveEntries(move.direction().from(), move.path()) == entries
                && liveEntries(move.direction().to(), move.from()) == entries;
    }

    private long liveEntries(Side side, String directory) {
        try (Stream<SideEntry> under = context.subtree(side, directory)) {
            return under.filter(SideEntry::live).count();
        }
    }

    /** The pairs without the moves out of an edited old path: their new path stays an ordinary copy. */
    private static MovePairing.Pairs withoutKeptEdits(MovePairing.Pairs pairs, Set<String> keptEdits) {
        if (keptEdits.isEmpty()) {
            return pairs;
        }
        Map<String, Move> moves = new HashMap<>();
        Set<String> movedIn = new HashSet<>(pairs.movedIn());
        Set<String> movedAway = new HashSet<>(pairs.movedAway());
        pairs.moves().forEach((to, move) -> {
            if (keptEdits.contains(move.from())) {
                movedIn.remove(to); // a file move: nothing under it
                movedAway.remove(move.from());
            } else {
                moves.put(to, move);
            }
        });
        return new MovePairing.Pairs(
                moves,
                movedIn,
                movedAway,
                pairs.fileUpdates(),
                pairs.directoryUpdates(),
                movedAway.size(),
                pairs.movedAwayFiles() - keptEdits.size());
    }
}
