package org.filesync.resolver.moves;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Move;
import org.filesync.resolver.UpdateMetadata;

/**
 * Finds, among the entries a plan creates on one end (read from the other) and those it deletes
 * on that end, the ones that only changed their name: a directory whose whole subtree (relative paths, kinds, sizes,
 * hashes, link targets) reappears under a new name, then a file whose size and hash match exactly
 * one deleted file and no other created one. Ambiguous content (several candidates on either side)
 * and files without a known hash are never paired: they stay a copy and a delete.
 *
 * <p>A mode's planner feeds it during its pass ({@link #created}, {@link #removed}, {@link
 * #unpairable}), one instance per {@link Direction}; {@link #pair} runs once after it, in memory
 * proportional to the created and deleted entries only. Not thread-safe: one resolution's.
 */
public final class MovePairing {

    /**
     * What the pairing found.
     *
     * @param moves the moves, by new path
     * @param movedIn the new paths the moves cover (a moved directory's and everything under it)
     * @param movedAway the old paths the moves cover
     * @param fileUpdates the metadata updates of files inside moved directories, by path
     * @param directoryUpdates the metadata updates of directories inside moved directories
     * @param movedAwayEntries how many entries the plan no longer removes
     * @param movedAwayFiles how many of them are not directories
     */
    public record Pairs(
            Map<String, Move> moves,
            Set<String> movedIn,
            Set<String> movedAway,
            Map<String, UpdateMetadata> fileUpdates,
            List<UpdateMetadata> directoryUpdates,
            long movedAwayEntries,
            long movedAwayFiles) {

        /** Copies the collections. */
        public Pairs {
            moves = Map.copyOf(moves);
            movedIn = Set.copyOf(movedIn);
            movedAway = Set.copyOf(movedAway);
            fileUpdates = Map.copyOf(fileUpdates);
            directoryUpdates = List.copyOf(directoryUpdates);
        }

        /** No move found. */
        public static final Pairs NONE = new Pairs(Map.of(), Set.of(), Set.of(), Map.of(), List.of(), 0, 0);
    }

    /** A file's content as the pairing compares it. */
    private record Content(long size, String hash) {}

    /** An order-free digest of a directory's subtree, to find candidates before comparing them exactly. */
    private record Fingerprint(long entries, long digest) {}

    private final Direction direction;
    private final BiPredicate<EntryFacts, EntryFacts> sameMetadata;
    private final TreeMap<String, EntryFacts> created = new TreeMap<>();
    private final TreeMap<String, EntryFacts> removed = new TreeMap<>();
    private final Set<String> unpairable = new HashSet<>();

    /**
     * A pairing for the entries a plan changes in one direction.
     *
     * @param direction the direction of the plan's creations and deletions fed to it
     * @param sameMetadata whether two entries' mode and mtime agree (as the mode compares them):
     *     an entry inside a moved directory that differs gets a metadata update
     */
    public MovePairing(Direction direction, BiPredicate<EntryFacts, EntryFacts> sameMetadata) {
        this.direction = Objects.requireNonNull(direction, "direction");
        this.sameMetadata = Objects.requireNonNull(sameMetadata, "sameMetadata");
    }

    /** An entry of the read end that the plan creates on the changed end (nothing stood there). */
    public void created(String path, EntryFacts facts) {
        created.put(path, facts);
    }

    /** An entry of the changed end that the plan deletes (the read end has nothing there). */
    public void removed(String path, EntryFacts facts) {
        removed.put(path, facts);
    }

    /** An entry of the read end that the plan skips: no directory above it moves. */
    public void unpairable(String path) {
        unpairable.add(path);
    }

    /** Pairs what was fed; an empty result when either side is empty. */
    public Pairs pair() {
        return pair(move -> true);
    }

    /**
     * Pairs what was fed, taking a directory move only if {@code wholeSubtrees} confirms it: a mode
     * that was not fed every entry of a subtree (an incremental read sees the changed paths only)
     * checks there that the index holds no more under either path than the move covers.
     */
    public Pairs pair(Predicate<Move> wholeSubtrees) {
        if (created.isEmpty() || removed.isEmpty()) {
            return Pairs.NONE;
        }
        Map<String, Move> moves = new HashMap<>();
        Set<String> movedIn = new HashSet<>();
        Set<String> movedAway = new HashSet<>();
        Map<String, UpdateMetadata> fileUpdates = new HashMap<>();
        List<UpdateMetadata> directoryUpdates = new ArrayList<>();
        pairDirectories(moves, movedIn, movedAway, fileUpdates, directoryUpdates, wholeSubtrees);
        pairFiles(moves, movedIn, movedAway);
        long entries = movedAway.size();
        long files =
                movedAway.stream().filter(p -> !removed.get(p).isDirectory()).count();
        return new Pairs(moves, movedIn, movedAway, fileUpdates, directoryUpdates, entries, files);
    }

    private void pairDirectories(
            Map<String, Move> moves,
            Set<String> movedIn,
            Set<String> movedAway,
            Map<String, UpdateMetadata> fileUpdates,
            List<UpdateMetadata> directoryUpdates,
            Predicate<Move> wholeSubtrees) {
        Map<String, Fingerprint> sourceDirs = fingerprints(created);
        Map<String, Fingerprint> targetDirs = fingerprints(removed);
        for (String path : unpairable) {
            for (String ancestor = parent(path); ancestor != null; ancestor = parent(ancestor)) {
                sourceDirs.remove(ancestor);
            }
        }
        Map<Fingerprint, List<String>> sourceByPrint = byPrint(sourceDirs);
        Map<Fingerprint, List<String>> targetByPrint = byPrint(targetDirs);
        for (String to : new TreeMap<>(sourceDirs).keySet()) { // parents first
            if (movedIn.contains(to)) {
                continue; // moves with a directory above it
            }
            Fingerprint print = sourceDirs.get(to);
            List<String> sources = sourceByPrint.get(print);
            List<String> targets = targetByPrint.getOrDefault(print, List.of());
            if (sources.size() != 1 || targets.size() != 1) {
                continue;
            }
            String from = targets.get(0);
            if (movedAway.contains(from) || !sameSubtree(to, from)) {
                continue;
            }
            List<Delete> subtree = new ArrayList<>();
            for (Map.Entry<String, EntryFacts> old : under(removed, from).entrySet()) {
                subtree.add(new Delete(old.getKey(), direction, old.getValue()));
            }
            Move move = new Move(to, direction, from, created.get(to), removed.get(from), subtree);
            if (!wholeSubtrees.test(move)) {
                continue;
            }
            subtree.forEach(old -> movedAway.add(old.path()));
            movedAway.add(from);
            movedIn.add(to);
            moves.put(to, move);
            for (Map.Entry<String, EntryFacts> entry : under(created, to).entrySet()) {
                String path = entry.getKey();
                movedIn.add(path);
                EntryFacts source = entry.getValue();
                EntryFacts moved = removed.get(from + path.substring(to.length()));
                if (source.kind() != EntryKind.SYMLINK && !sameMetadata.test(source, moved)) {
                    UpdateMetadata update = new UpdateMetadata(path, direction, source, moved);
                    if (source.isDirectory()) {
                        directoryUpdates.add(update);
                    } else {
                        fileUpdates.put(path, update);
                    }
                }
            }
        }
    }

    private void pairFiles(Map<String, Move> moves, Set<String> movedIn, Set<String> movedAway) {
        Map<Content, List<String>> sources = files(created, movedIn);
        Map<Content, List<String>> targets = files(removed, movedAway);
        for (Map.Entry<Content, List<String>> candidates : sources.entrySet()) {
            List<String> olds = targets.getOrDefault(candidates.getKey(), List.of());
            if (candidates.getValue().size() != 1 || olds.size() != 1) {
                continue; // no candidate, or no provably single one
            }
            String to = candidates.getValue().get(0);
            String from = olds.get(0);
            moves.put(to, new Move(to, direction, from, created.get(to), removed.get(from), List.of()));
            movedIn.add(to);
            movedAway.add(from);
        }
    }

    /** The files with a known hash, by content, leaving out those already taken. */
    private static Map<Content, List<String>> files(TreeMap<String, EntryFacts> entries, Set<String> taken) {
        Map<Content, List<String>> byContent = new HashMap<>();
        for (Map.Entry<String, EntryFacts> e : entries.entrySet()) {
            EntryFacts facts = e.getValue();
            if (facts.kind() != EntryKind.FILE || facts.hash().isEmpty() || taken.contains(e.getKey())) {
                continue;
            }
            byContent
                    .computeIfAbsent(new Content(facts.size(), facts.hash().get()), c -> new ArrayList<>(1))
                    .add(e.getKey());
        }
        return byContent;
    }

    /**
     * The fingerprint of every directory among {@code entries} whose subtree holds at least one file,
     * all with a known hash; each entry adds itself to every directory above it that is also among
     * {@code entries}.
     */
    private static Map<String, Fingerprint> fingerprints(TreeMap<String, EntryFacts> entries) {
        Map<String, long[]> sums = new HashMap<>(); // entries, digest, files, unhashed files
        for (Map.Entry<String, EntryFacts> e : entries.entrySet()) {
            if (e.getValue().isDirectory()) {
                sums.put(e.getKey(), new long[4]);
            }
        }
        for (Map.Entry<String, EntryFacts> e : entries.entrySet()) {
            String path = e.getKey();
            EntryFacts facts = e.getValue();
            for (String dir = parent(path); dir != null; dir = parent(dir)) {
                long[] sum = sums.get(dir);
                if (sum == null) {
                    break; // the directory above is not created (or deleted) with it
                }
                sum[0]++;
                sum[1] += element(path.substring(dir.length() + 1), facts);
                if (facts.kind() == EntryKind.FILE) {
                    sum[2]++;
                    if (facts.hash().isEmpty()) {
                        sum[3]++;
                    }
                }
            }
        }
        Map<String, Fingerprint> prints = new HashMap<>();
        sums.forEach((dir, sum) -> {
            if (sum[2] > 0 && sum[3] == 0) {
                prints.put(dir, new Fingerprint(sum[0], sum[1]));
            }
        });
        return prints;
    }

    private static Map<Fingerprint, List<String>> byPrint(Map<String, Fingerprint> prints) {
        Map<Fingerprint, List<String>> byPrint = new HashMap<>();
        prints.forEach((dir, print) ->
                byPrint.computeIfAbsent(print, p -> new ArrayList<>(1)).add(dir));
        return byPrint;
    }

    /** Whether the created subtree under {@code to} equals the deleted one under {@code from}, entry by entry. */
    private boolean sameSubtree(String to, String from) {
        SortedMap<String, EntryFacts> news = under(created, to);
        SortedMap<String, EntryFacts> olds = under(removed, from);
        if (news.size() != olds.size()) {
            return false;
        }
        for (Map.Entry<String, EntryFacts> e : news.entrySet()) {
            EntryFacts old = olds.get(from + e.getKey().substring(to.length()));
            if (old == null || !sameEntry(e.getValue(), old)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameEntry(EntryFacts a, EntryFacts b) {
        return switch (a.kind()) {
            case FILE -> a.sameContent(b);
            case DIRECTORY -> b.isDirectory();
            case SYMLINK -> b.kind() == EntryKind.SYMLINK
                    && a.symlinkTarget().isPresent()
                    && a.symlinkTarget().equals(b.symlinkTarget());
            case OTHER -> false;
        };
    }

    /** One entry's share of a subtree digest: its relative path and what the comparison looks at. */
    private static long element(String relative, EntryFacts facts) {
        Optional<String> detail = facts.kind() == EntryKind.SYMLINK ? facts.symlinkTarget() : facts.hash();
        long h = Objects.hash(relative, facts.kind(), facts.size(), detail.orElse(""));
        h = h * 0x9E3779B97F4A7C15L + relative.hashCode();
        return h ^ (h >>> 29);
    }

    /** The entries strictly under {@code dir}. */
    private static SortedMap<String, EntryFacts> under(TreeMap<String, EntryFacts> entries, String dir) {
        return entries.subMap(dir + "/", dir + "0"); // '0' follows '/'
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }
}
