package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.path.EntryKind;
import org.filesync.jobs.JobContext;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.TransferReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The new directories of one copy job, which land whole. A directory the plan creates where the
 * target has nothing, the top of a new subtree, is built complete with every item of the job under
 * it in a staging directory of the endpoint's {@code .filesync/tmp} ({@code <job id>-d<n>}): its
 * subdirectories by {@link #stage}, its files and links by the job's workers ({@link
 * ItemCopy#stage} writes an item that {@link CopyWork#landsWhole} at its place there). Once the
 * job's files are written and flushed, {@link #place} gives the staged directories their source's
 * metadata (deepest first), makes them durable ({@link DurableFlush#flushStaged}) and renames each
 * staging directory to its final name with one rename that refuses an existing entry ({@link
 * RenameNoReplace}); the top gets its metadata there. An item of a subtree that fails (its source
 * unreadable, vanished or changed while read; a directory with everything under it) is absent from
 * the staging directory and fails with its own reason; the rest lands, and the next run copies what
 * failed. Only what makes the staged tree itself doubtful keeps a subtree out whole, its staging
 * directory removed and each of its items failed: the job cancelled, a failed item's entry left in
 * the staging directory, the flush or the rename failing, or the final name taken by then. A
 * subtree with a move in it lands item by item.
 */
final class WholeDirectories {

    private static final Logger LOG = LoggerFactory.getLogger(WholeDirectories.class);

    /** One new subtree: its top, where it is built, and the job's items under the top, parents first. */
    private record Subtree(CopyWork top, Path staging, List<CopyWork> members) {

        List<CopyWork> all() {
            List<CopyWork> all = new ArrayList<>(members.size() + 1);
            all.add(top);
            all.addAll(members);
            return all;
        }
    }

    private final Path tmp;
    private final String prefix;
    private final SafeDirs dirs;
    private final EntryMetadata metadata;
    private final DirectoryMetadata directories;
    private final DurableFlush flush;
    private final RenameNoReplace rename;
    private final ItemCopy copy;
    private final List<Subtree> subtrees = new ArrayList<>();

    /**
     * @param tmp the endpoint's {@code .filesync/tmp}, which must exist
     * @param prefix the name prefix of the job's temps, {@code <job id>-}, which cleanup spares while
     *     the job runs
     * @param copy tells the request's listener of the files placed
     */
    WholeDirectories(
            Path tmp,
            String prefix,
            SafeDirs dirs,
            EntryMetadata metadata,
            DirectoryMetadata directories,
            DurableFlush flush,
            RenameNoReplace rename,
            ItemCopy copy) {
        this.tmp = tmp;
        this.prefix = prefix;
        this.dirs = dirs;
        this.metadata = metadata;
        this.directories = directories;
        this.flush = flush;
        this.rename = rename;
        this.copy = copy;
    }

    /**
     * Finds the new subtrees among the inspected {@code work}, makes each one's staging directory and
     * subdirectories, and gives their items {@link CopyWork#staged}. A subtree whose staging
     * directory cannot be made fails as a whole.
     */
    void stage(List<CopyWork> work) {
        // an item that moves or replaces keeps every directory above it from landing whole
        Set<Path> blocked = new HashSet<>();
        for (CopyWork w : work) {
            if (w.target != null && (w.moves() || w.item.expectedTarget().isPresent())) {
                Path above = w.target.getParent();
                while (above != null && blocked.add(above)) {
                    above = above.getParent();
                }
            }
        }
        // tops, parents first (a path sorts before every path under it); never one inside another
        Map<Path, List<CopyWork>> membersByTop = new LinkedHashMap<>();
        Map<Path, CopyWork> tops = new HashMap<>();
        work.stream()
                .filter(w -> isNewDirectory(w) && !blocked.contains(w.target))
                .sorted(Comparator.comparing(w -> w.target))
                .forEach(w -> {
                    if (topAbove(w.target, tops).isEmpty() && absentUnderRealParent(w.target)) {
                        tops.put(w.target, w);
                        membersByTop.put(w.target, new ArrayList<>());
                    }
                });
        // every other item under a top is built with it (not only the ones sorting next to it:
        // "a-b" sorts between "a" and "a/b")
        for (CopyWork w : work) {
            if (w.target != null && !tops.containsKey(w.target)) {
                topAbove(w.target, tops).ifPresent(top -> membersByTop.get(top).add(w));
            }
        }
        membersByTop.forEach((top, members) -> {
            members.sort(Comparator.comparing(m -> m.target)); // parents first
            build(new Subtree(tops.get(top), tmp.resolve(prefix + "d" + (subtrees.size() + 1)), members));
        });
    }

    /** The top of a new subtree that {@code target} lies under, if any. */
    private static Optional<Path> topAbove(Path target, Map<Path, CopyWork> tops) {
        for (Path p = target.getParent(); p != null; p = p.getParent()) {
            if (tops.containsKey(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean isNewDirectory(CopyWork w) {
        return w.pending()
                && w.kind == EntryKind.DIRECTORY
                && !w.moves()
                && w.item.expectedTarget().isEmpty();
    }

    /** Whether nothing stands at {@code target} and its parent is a real directory of the endpoint. */
    private boolean absentUnderRealParent(Path target) {
        try {
            dirs.ensure(target.getParent(), false);
            return StateCheck.lstat(target).isEmpty();
        } catch (ItemFailure | IOException e) {
            return false; // the item-by-item path creates what is missing or reports what is wrong
        }
    }

    private void build(Subtree s) {
        subtrees.add(s);
        s.top.staged = s.staging;
        for (CopyWork m : s.members) {
            m.staged = s.staging.resolve(s.top.target.relativize(m.target).toString());
        }
        try {
            Files.createDirectory(s.staging);
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            failAll(
                    s,
                    f.reason,
                    "cannot build the new directory " + s.top.target + " in " + s.staging + ": " + f.getMessage());
            return;
        }
        // a directory that failed (or cannot be built) is left out with what lies under it
        Map<Path, CopyWork> leftOut = new HashMap<>();
        for (CopyWork m : s.members) { // parents first
            Optional<CopyWork> above = leftOutAbove(m, s, leftOut);
            if (above.isPresent() && m.pending()) {
                m.fail(
                        above.get().outcome.reason(),
                        "not copied: its directory " + above.get().item.target() + " failed");
            }
            if (m.pending() && m.kind == EntryKind.DIRECTORY) {
                try {
                    Files.createDirectory(m.staged);
                } catch (IOException e) {
                    ItemFailure f = ItemFailure.of(e);
                    m.fail(f.reason, "cannot build " + m.staged + ": " + f.getMessage());
                }
            }
            if (!m.pending()) {
                leftOut.put(m.target, m);
            }
        }
    }

    /** The directory left out of {@code s} that {@code m} lies under, if any. */
    private static Optional<CopyWork> leftOutAbove(CopyWork m, Subtree s, Map<Path, CopyWork> leftOut) {
        for (Path p = m.target.getParent(); p != null && !p.equals(s.top.target); p = p.getParent()) {
            if (leftOut.containsKey(p)) {
                return Optional.of(leftOut.get(p));
            }
        }
        return Optional.empty();
    }

    /**
     * Places every subtree built: metadata of its staged directories, one flush, then one rename
     * each; its items that failed are absent from it and stay failed, the next run copies them. Call
     * it once the job's files are written and flushed. A subtree is kept out whole, its staging
     * directory removed, when the staged tree is doubtful: the job was cancelled, a failed item left
     * an entry in it (its file's flush failed, or its partial could not be removed), the flush or
     * the rename fails, or the final name is taken by then.
     */
    void place(JobContext ctx) {
        List<Subtree> ready = new ArrayList<>();
        for (Subtree s : subtrees) {
            if (!s.top.pending()) {
                continue; // its staging directory could not be made: failed and removed already
            }
            if (cancelledWhileBuilt(s, ctx)) {
                failAll(
                        s,
                        TransferReasons.CANCELLED,
                        "the job was cancelled before the new directory " + s.top.target + " was placed");
                continue;
            }
            Optional<CopyWork> leftBehind = failedButStaged(s);
            if (leftBehind.isPresent()) {
                abandon(s, leftBehind.get());
                continue;
            }
            setStagedMetadata(s);
            ready.add(s);
        }
        if (ready.isEmpty()) {
            return;
        }
        try {
            flush.flushStaged(ready.stream()
                    .flatMap(s -> s.all().stream())
                    .filter(w -> w.kind == EntryKind.DIRECTORY && w.pending())
                    .map(w -> w.staged)
                    .toList());
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            for (Subtree s : ready) {
                failAll(s, f.reason, "cannot make the new directory " + s.top.target + " durable: " + f.getMessage());
            }
            return;
        }
        for (Subtree s : ready) {
            renameIntoPlace(s, ctx);
        }
        LOG.debug(
                "{} of {} new directories placed whole, {} items with them",
                ready.stream().filter(s -> s.top.outcome.done()).count(),
                subtrees.size(),
                ready.stream()
                        .flatMap(s -> s.all().stream())
                        .filter(w -> w.outcome.done())
                        .count());
    }

    /** Whether the job was cancelled: then some of {@code s} may not be written yet. */
    private static boolean cancelledWhileBuilt(Subtree s, JobContext ctx) {
        return ctx.isCancelled()
                || s.members.stream()
                        .anyMatch(m -> m.pending()
                                ? m.kind != EntryKind.DIRECTORY && m.temp == null
                                : m.outcome.reason().equals(TransferReasons.CANCELLED));
    }

    /**
     * A file or link of {@code s} that failed but still has an entry in the staging directory: its
     * copy was complete but not made durable, or its partial could not be removed.
     */
    private static Optional<CopyWork> failedButStaged(Subtree s) {
        for (CopyWork m : s.members) {
            if (!m.pending() && m.kind != EntryKind.DIRECTORY) {
                try {
                    if (StateCheck.lstat(m.staged).isPresent()) {
                        return Optional.of(m);
                    }
                } catch (IOException e) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Gives the staged directories below the top their source's metadata, deepest first; one whose
     * metadata cannot be set lands with the rest and fails.
     */
    private void setStagedMetadata(Subtree s) {
        List<CopyWork> deepestFirst = new ArrayList<>(s.members);
        deepestFirst.sort(Comparator.comparing((CopyWork w) -> w.target).reversed());
        for (CopyWork m : deepestFirst) {
            if (m.kind == EntryKind.DIRECTORY && m.pending()) {
                try {
                    metadata.apply(m.staged, m.source);
                } catch (IOException e) {
                    ItemFailure f = ItemFailure.of(e);
                    m.fail(
                            f.reason,
                            "placed with the new directory " + s.top.target + ", but its metadata could not be set: "
                                    + f.getMessage());
                }
            }
        }
    }

    private void renameIntoPlace(Subtree s, JobContext ctx) {
        Path target = s.top.target;
        try {
            dirs.ensure(target.getParent(), false);
            directories.beforeChangeIn(target.getParent());
            if (!rename.rename(s.staging, target)) {
                failAll(
                        s,
                        TransferReasons.CHANGED_SINCE_PLAN,
                        "an entry appeared at " + target + " since the plan; kept as it is, the new directory was"
                                + " not placed");
                return;
            }
        } catch (ItemFailure f) {
            failAll(s, f.reason, f.getMessage() + "; the new directory " + target + " was not placed");
            return;
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            failAll(s, f.reason, "cannot rename the new directory into place at " + target + ": " + f.getMessage());
            return;
        }
        flush.touched(target.getParent());
        for (CopyWork m : s.members) {
            if (m.pending()) {
                m.outcome = ItemOutcome.done(m.item.target(), m.bytes);
                ctx.itemDone();
                copy.announceWritten(m);
            }
        }
        try {
            metadata.apply(target, s.top.source);
            s.top.outcome = ItemOutcome.done(s.top.item.target(), 0);
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            s.top.fail(f.reason, "placed, but its metadata could not be set: " + f.getMessage());
        }
        ctx.itemDone();
    }

    /**
     * Fails every item of {@code s} still pending because {@code failed} failed but left an entry in
     * the staging directory, and removes what was built.
     */
    private void abandon(Subtree s, CopyWork failed) {
        failAll(
                s,
                failed.outcome.reason(),
                "not placed: " + failed.item.target() + " in the new directory " + s.top.target
                        + " failed and its staged copy cannot be left out");
    }

    private void failAll(Subtree s, String reason, String message) {
        for (CopyWork w : s.all()) {
            if (w.pending()) {
                w.fail(reason, message);
            }
        }
        removeStaging(s);
    }

    private void removeStaging(Subtree s) {
        try {
            TrashDeleteStrategy.deleteTree(s.staging);
        } catch (IOException e) {
            LOG.warn("Cannot remove the staging directory {}: {}", s.staging, e.getMessage());
        }
    }

    /**
     * Removes the staging directories not placed (after a failure or a cancel; a placed one's name
     * is free); call it when the job ends.
     */
    void removeLeftovers() {
        subtrees.forEach(this::removeStaging);
    }
}
