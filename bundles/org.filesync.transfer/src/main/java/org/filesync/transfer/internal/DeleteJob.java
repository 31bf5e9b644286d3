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

/**
 * Deletes a batch of entries from one endpoint through a {@link DeleteStrategy}, deepest first.
 * Each entry is re-checked against the plan (hash included when given); a directory goes only when
 * it is empty after the job's other deletes; nothing is reached through a symbolic link; an entry
 * already gone counts as done.
 */
final class DeleteJob implements TransferJob {

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
    public JobResult run(JobContext ctx) {
        Path endpoint = request.options().endpoint().normalize();
        if (!Files.isDirectory(endpoint)) {
            throw new TransferException("the endpoint " + endpoint + " is missing or not a directory");
        }
        SafeDirs dirs = new SafeDirs(endpoint);
        List<DeleteItem> items = request.items();
        ItemOutcome[] results = new ItemOutcome[items.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        // deepest first, so that a directory comes after what it holds
        order.sort(Comparator.comparingInt(
                        (Integer i) -> items.get(i).path().normalize().getNameCount())
                .reversed()
                .thenComparing(i -> items.get(i).path().normalize(), Comparator.reverseOrder()));
        ctx.totals(items.size(), 0);
        for (int i : order) {
            DeleteItem item = items.get(i);
            if (ctx.isCancelled()) {
                results[i] = ItemOutcome.failed(item.path(), TransferReasons.CANCELLED, "the job was cancelled");
                continue;
            }
            ctx.currentItem(item.path().toString());
            results[i] = deleteOne(item, dirs, endpoint);
            ctx.itemDone();
        }
        parentTimes.restore();
        List<ItemOutcome> list = List.of(results);
        outcomes = list;
        return JobResults.of(list);
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
