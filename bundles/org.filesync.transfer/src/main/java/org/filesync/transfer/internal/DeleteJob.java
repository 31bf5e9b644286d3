package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.filesync.api.path.EntryKind;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.DeleteItem;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.TransferException;
import org.filesync.transfer.TransferJob;
import org.filesync.transfer.TransferReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a batch of entries from one endpoint through a {@link DeleteStrategy}, up to the options'
 * {@code parallel} entries at once ({@link Workers}): first every entry that is not a directory, in
 * any order, then the directories, deepest first, one depth at a time (directories of one depth
 * cannot hold each other). Each entry is re-checked against the plan (hash included when given); a
 * directory goes only when it is empty after the job's other deletes; nothing is reached through a
 * symbolic link; an entry already gone counts as done. The folders the job removed entries from
 * get their mtimes back once, at the end ({@link ParentTimes}).
 */
final class DeleteJob implements TransferJob {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteJob.class);

    private final DeleteRequest request;
    private final DeleteStrategy strategy;
    private final ParentTimes parentTimes = new ParentTimes();
    private volatile List<ItemOutcome> outcomes = List.of();

    DeleteJob(DeleteRequest request, DeleteStrategy strategy) {
        this.request = request;
        this.strategy = strategy;
    }

    @Override
    public String type() {
        return DELETE_TYPE;
    }

    @Override
    public String description() {
        return "delete " + request.items().size() + " item(s) from "
                + request.options().endpoint() + " (" + request.options().strategy() + ")";
    }

    @Override
    public List<ItemOutcome> outcomes() {
        return outcomes;
    }

    @Override
    public JobResult run(JobContext ctx) throws InterruptedException {
        Path endpoint = request.options().endpoint().normalize();
        if (!Files.isDirectory(endpoint)) {
            throw new TransferException("the endpoint " + endpoint + " is missing or not a directory");
        }
        SafeDirs dirs = new SafeDirs(endpoint);
        List<DeleteItem> items = request.items();
        ItemOutcome[] results = new ItemOutcome[items.size()];
        ctx.totals(items.size(), 0);
        try (Workers workers = new Workers(request.options().parallel(), "delete", ctx.jobId())) {
            for (List<Integer> wave : waves(items)) {
                workers.forEach(wave.size(), k -> {
                    int i = wave.get(k);
                    results[i] = deleteOrSkip(items.get(i), dirs, endpoint, ctx);
                });
            }
        } finally {
            parentTimes.restore();
        }
        List<ItemOutcome> list = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            list.add(
                    results[i] != null
                            ? results[i]
                            : ItemOutcome.failed(
                                    items.get(i).path(), TransferReasons.CANCELLED, "the job was interrupted"));
        }
        outcomes = List.copyOf(list);
        return JobResults.of(outcomes);
    }

    /**
     * The indexes of the items in the order they may go: every entry that is not a directory, then
     * the directories of each depth, deepest first. Within a wave, in reverse path order: with one
     * worker, the order of a walk that removes the deepest entries first.
     */
    private static List<List<Integer>> waves(List<DeleteItem> items) {
        List<Integer> entries = new ArrayList<>();
        TreeMap<Integer, List<Integer>> directoriesByDepth = new TreeMap<>(Comparator.reverseOrder());
        for (int i = 0; i < items.size(); i++) {
            DeleteItem item = items.get(i);
            if (item.expected().kind() == EntryKind.DIRECTORY) {
                directoriesByDepth
                        .computeIfAbsent(item.path().normalize().getNameCount(), d -> new ArrayList<>())
                        .add(i);
            } else {
                entries.add(i);
            }
        }
        List<List<Integer>> waves = new ArrayList<>();
        waves.add(entries);
        waves.addAll(directoriesByDepth.values());
        Comparator<Integer> byPath =
                Comparator.comparing(i -> items.get(i).path().normalize());
        waves.forEach(wave -> wave.sort(byPath.reversed()));
        return waves;
    }

    private ItemOutcome deleteOrSkip(DeleteItem item, SafeDirs dirs, Path endpoint, JobContext ctx) {
        if (ctx.isCancelled()) {
            return ItemOutcome.failed(item.path(), TransferReasons.CANCELLED, "the job was cancelled");
        }
        ctx.currentItem(item.path().toString());
        ItemOutcome outcome;
        try {
            outcome = deleteOne(item, dirs, endpoint);
        } catch (RuntimeException e) {
            LOG.warn("Unexpected error deleting {}", item.path(), e);
            outcome = ItemOutcome.failed(item.path(), TransferReasons.IO_ERROR, String.valueOf(e));
        }
        ctx.itemDone();
        return outcome;
    }

    private ItemOutcome deleteOne(DeleteItem item, SafeDirs dirs, Path endpoint) {
        try {
            Path p = dirs.inside(item.path(), false);
            try {
                dirs.ensure(p.getParent(), false);
            } catch (NoSuchFileException e) {
                return ItemOutcome.done(item.path(), 0); // already gone with its parent
            }
            if (StateCheck.lstat(p).isEmpty()) {
                return ItemOutcome.done(item.path(), 0);
            }
            Optional<String> changed = StateCheck.mismatch(p, Optional.of(item.expected()), true);
            if (changed.isPresent()) {
                return ItemOutcome.failed(
                        item.path(), TransferReasons.CHANGED_SINCE_PLAN, changed.get() + "; kept as it is");
            }
            if (item.expected().kind() == EntryKind.DIRECTORY) {
                List<String> left = firstEntries(p);
                if (!left.isEmpty()) {
                    return ItemOutcome.failed(
                            item.path(),
                            TransferReasons.NOT_EMPTY,
                            p + " holds entries the plan did not expect (" + String.join(", ", left)
                                    + "); kept as it is");
                }
                dirs.forget(p);
            }
            parentTimes.remember(p.getParent());
            strategy.remove(endpoint, p, request.options().generation());
            return ItemOutcome.done(item.path(), 0);
        } catch (ItemFailure f) {
            return ItemOutcome.failed(item.path(), f.reason, f.getMessage());
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            return ItemOutcome.failed(item.path(), f.reason, f.getMessage());
        }
    }

    private static List<String> firstEntries(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            Iterator<Path> it = ds.iterator();
            while (it.hasNext() && names.size() < 3) {
                names.add(it.next().getFileName().toString());
            }
        }
        return names;
    }
}
