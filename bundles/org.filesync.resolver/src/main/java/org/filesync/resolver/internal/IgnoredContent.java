package org.filesync.resolver.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexEntry;
import org.filesync.resolver.Copy;
import org.filesync.resolver.CreateDirectory;
import org.filesync.resolver.CreateSymlink;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Displace;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Move;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.Skipped;
import org.filesync.resolver.UpdateMetadata;

/**
 * What a plan made without the ignored paths must still respect on the ends (docs/ignore-rules.md):
 * a directory it removes may hold entries the rules hide. If every such entry is {@code (?d)}, they
 * are removed with the directory, through the same delete strategy; otherwise the directory and
 * every planned-away directory above it stay, each a warning, and a displacement that would need the
 * directory gone becomes a skipped path. A directory move whose old directory holds such entries
 * becomes a copy of the new directory and a delete of the old one, so that they stay where they are.
 */
final class IgnoredContent {

    private final FileIndex index;
    private final ResolveRequest request;

    IgnoredContent(FileIndex index, ResolveRequest request) {
        this.index = index;
        this.request = request;
    }

    /** The plan with ignored content taken into account and the count of entries the rules hid. */
    Plan apply(Plan plan, long ignored) {
        IgnoreRules rules = request.ignores();
        if (rules.isEmpty()) {
            return plan;
        }
        List<Skipped> kept = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(plan.skipped());
        List<Delete> planned = new ArrayList<>(plan.deletes());
        List<Operation> copies = new ArrayList<>(plan.copies().size());
        String blocked = null;
        List<String> unmoved = new ArrayList<>(); // directories copied instead of moved
        for (Operation op : plan.copies()) {
            if (blocked != null && op.path().equals(blocked)) {
                continue; // the creation that needed the displaced directory gone
            }
            blocked = null;
            if (op instanceof UpdateMetadata
                    && unmoved.stream().anyMatch(dir -> op.path().startsWith(dir + "/"))) {
                continue; // the copies instead of the move write the source's metadata
            }
            if (op instanceof Move move
                    && move.directory()
                    && !hidden(move.direction(), move.from()).isEmpty()) {
                // the ignored entries stay where they are: a copy of the new directory and a delete of the old
                copies.addAll(copiesOf(move));
                planned.addAll(move.fallbackDeletes());
                unmoved.add(move.path());
                continue;
            }
            if (op instanceof Displace displace && displace.directory()) {
                List<Hidden> hidden = hidden(displace.direction(), displace.path());
                if (hidden.stream().allMatch(Hidden::deletable)) {
                    copies.add(withHidden(displace, hidden));
                } else {
                    blocked = displace.path();
                    skipped.add(new Skipped(
                            displace.path(),
                            displace.direction().to(),
                            "a directory holding " + describe(hidden) + " cannot be replaced"));
                }
                continue;
            }
            copies.add(op);
        }
        planned.sort(Comparator.comparing(Delete::path).reversed()); // content before its directory
        List<Delete> deletes = deletes(planned, kept);
        skipped.sort(Comparator.comparing(Skipped::path));
        kept.sort(Comparator.comparing(Skipped::path));
        return new Plan(
                plan.conduitId(),
                plan.mode(),
                plan.resolution(),
                plan.checkpoint(),
                copies,
                deletes,
                skipped,
                plan.source(),
                plan.target(),
                plan.conflicts(),
                plan.baselineUpdates(),
                ignored,
                kept);
    }

    /** The deletes, with the hidden content of each removed directory deleted too or the directory kept. */
    private List<Delete> deletes(List<Delete> planned, List<Skipped> kept) {
        Map<Direction, Set<String>> removedDirectories = new LinkedHashMap<>();
        for (Delete delete : planned) {
            if (delete.directory()) {
                removedDirectories
                        .computeIfAbsent(delete.direction(), d -> new HashSet<>())
                        .add(delete.path());
            }
        }
        Set<String> keep = new HashSet<>(); // "direction path" of directory deletes dropped
        List<Delete> added = new ArrayList<>();
        for (Map.Entry<Direction, Set<String>> byDirection : removedDirectories.entrySet()) {
            Direction direction = byDirection.getKey();
            Set<String> removed = byDirection.getValue();
            for (String directory : removed) {
                if (removed.contains(parent(directory))) {
                    continue; // read with the topmost removed directory
                }
                List<Hidden> hidden = hidden(direction, directory);
                Set<String> stays = new HashSet<>();
                for (Hidden entry : hidden) {
                    if (!entry.deletable()) {
                        for (String up = parent(entry.entry().path()); removed.contains(up); up = parent(up)) {
                            stays.add(up);
                        }
                    }
                }
                for (Hidden entry : hidden) {
                    if (entry.deletable()
                            && !stays.contains(removedAbove(entry.entry().path(), removed))) {
                        added.add(new Delete(
                                entry.entry().path(), direction, entry.entry().facts()));
                    }
                }
                for (String stay : stays) {
                    keep.add(direction + " " + stay);
                    if (!stays.contains(parent(stay))) {
                        List<Hidden> below = hidden.stream()
                                .filter(h -> !h.deletable() && h.entry().path().startsWith(stay + "/"))
                                .toList();
                        kept.add(new Skipped(stay, direction.to(), "kept: it holds " + describe(below)));
                    }
                }
            }
        }
        if (keep.isEmpty() && added.isEmpty()) {
            return planned;
        }
        List<Delete> result = new ArrayList<>(planned.size() + added.size());
        for (Delete delete : planned) {
            if (!keep.contains(delete.direction() + " " + delete.path())) {
                result.add(delete);
            }
        }
        result.addAll(added);
        result.sort(Comparator.comparing(Delete::path).reversed()); // content before its directory
        return result;
    }

    /**
     * The creations that replace a directory move: the new directory, then under it, in path order,
     * what the old one holds (the pairing found the same paths, kinds and content on the read end).
     */
    private static List<Operation> copiesOf(Move move) {
        List<Operation> copies = new ArrayList<>();
        copies.add(new CreateDirectory(move.path(), move.direction(), move.source()));
        for (Delete under : move.subtree()) {
            String path = move.path() + under.path().substring(move.from().length());
            EntryFacts facts = under.current();
            switch (facts.kind()) {
                case DIRECTORY -> copies.add(new CreateDirectory(path, move.direction(), facts));
                case FILE -> copies.add(new Copy(path, move.direction(), facts, Optional.empty()));
                case SYMLINK -> copies.add(new CreateSymlink(path, move.direction(), facts, Optional.empty()));
                case OTHER -> throw new IllegalStateException("a moved directory holds a special file: " + path);
            }
        }
        return copies;
    }

    private static Displace withHidden(Displace displace, List<Hidden> hidden) {
        if (hidden.isEmpty()) {
            return displace;
        }
        List<Delete> subtree = new ArrayList<>(displace.subtree());
        hidden.forEach(h -> subtree.add(
                new Delete(h.entry().path(), displace.direction(), h.entry().facts())));
        subtree.sort(Comparator.comparing(Delete::path));
        return new Displace(displace.path(), displace.direction(), displace.current(), subtree);
    }

    /** The live entries under a directory of the changed end that the rules hide, in path order. */
    private List<Hidden> hidden(Direction direction, String directory) {
        Endpoint end = request.endpoint(direction.to());
        List<Hidden> hidden = new ArrayList<>();
        try (Stream<IndexEntry> raw = index.entries(end.root(), end.indexPath(directory))) {
            IndexResolutionContext.relativize(end, raw).forEach(e -> {
                if (e.path().startsWith(directory + "/") && e.live()) {
                    IgnoreRules.Verdict verdict =
                            request.ignores().verdict(e.path(), e.entry().kind() == EntryKind.DIRECTORY);
                    if (verdict.ignored()) {
                        hidden.add(new Hidden(e, verdict.deletable()));
                    }
                }
            });
        }
        return hidden;
    }

    private static String describe(List<Hidden> hidden) {
        return hidden.size()
                + (hidden.size() == 1 ? " ignored entry" : " ignored entries")
                + (hidden.isEmpty() ? "" : " (first: " + hidden.get(0).entry().path() + ")");
    }

    /** The nearest directory above a path that the plan removes (there is one: the topmost). */
    private static String removedAbove(String path, Set<String> removed) {
        String up = parent(path);
        while (!removed.contains(up) && !up.isEmpty()) {
            up = parent(up);
        }
        return up;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** An entry the rules hide, and whether its deciding pattern lets it go with its directory. */
    private record Hidden(SideEntry entry, boolean deletable) {}
}
