package org.filesync.transfer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.filesync.api.path.EntryKind;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferException;
import org.filesync.transfer.TransferJob;
import org.filesync.transfer.TransferOptions;
import org.filesync.transfer.TransferReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a batch of entries into one endpoint, in five steps: look at every source, and build the
 * new directories in staging directories ({@link WholeDirectories#stage}); create the other
 * directories, parents first ({@link DirectoryMetadata}), and rename the entries an item moves
 * ({@link ItemMove}) once the directories above their new names exist (an item whose move cannot be
 * done is copied instead); copy files and links batch by batch, each
 * batch's temp files written ({@link ItemCopy#stage}; those of a new directory at their place in its
 * staging directory), made durable ({@link DurableFlush}) while the
 * workers write the next batch, then renamed into place ({@link ItemCopy#place}); rename each new
 * directory into place whole ({@link WholeDirectories#place}); last, the
 * directories' metadata. Temp files ({@link TempFiles}) and staging directories never outlive the
 * job, except after a crash, when {@link TransferServiceImpl#cleanEndpoint} removes them.
 */
final class CopyJob implements TransferJob {

    private static final Logger LOG = LoggerFactory.getLogger(CopyJob.class);

    /** Tuning of {@link CopyJob}. */
    record Settings(Durability durability, int batchFiles, long batchBytes, Copier copier) {
        static Settings defaults(Durability durability) {
            return new Settings(durability, 1000, 128L << 20, Copier.DEFAULT);
        }

        /** These settings where {@code syncfs} is missing: batched flushes become fsync per file. */
        Settings withoutSyncfs() {
            return durability == Durability.SYNCFS_BATCH
                    ? new Settings(Durability.FSYNC_PER_FILE, batchFiles, batchBytes, copier)
                    : this;
        }
    }

    private final CopyRequest request;
    private final Settings settings;
    private final Optional<NativeFs> nativeFs;
    private final Function<String, Optional<DeleteStrategy>> strategies;
    private final ActiveTemps activeTemps;
    private volatile List<ItemOutcome> outcomes = List.of();

    CopyJob(
            CopyRequest request,
            Settings settings,
            Optional<NativeFs> nativeFs,
            Function<String, Optional<DeleteStrategy>> strategies,
            ActiveTemps activeTemps) {
        this.request = request;
        this.nativeFs = nativeFs;
        this.strategies = strategies;
        this.activeTemps = activeTemps;
        this.settings = nativeFs.isEmpty() ? settings.withoutSyncfs() : settings;
    }

    @Override
    public String type() {
        return COPY_TYPE;
    }

    @Override
    public String description() {
        return "copy " + request.items().size() + " item(s) into "
                + request.options().endpoint();
    }

    @Override
    public List<ItemOutcome> outcomes() {
        return outcomes;
    }

    /** Where a run's time went, for its debug line. */
    private static final class StepTimes {
        final long start = System.nanoTime();
        long inspected;
        long directoriesMade;
        long staging;
        long flushWaits;
        long placing;
        long filesPlaced;
        long directoriesPlaced;
        long metadataDone;
    }

    @Override
    public JobResult run(JobContext ctx) throws InterruptedException {
        TransferOptions options = request.options();
        Path endpoint = options.endpoint().normalize();
        if (!Files.isDirectory(endpoint)) {
            throw new TransferException("the endpoint " + endpoint + " is missing or not a directory");
        }
        Optional<DeleteStrategy> keepReplaced = Optional.empty();
        if (!options.replacedStrategy().isEmpty()) {
            keepReplaced = Optional.of(strategies
                    .apply(options.replacedStrategy())
                    .orElseThrow(() -> new TransferException(
                            "no delete strategy '" + options.replacedStrategy() + "' is registered")));
        }
        SafeDirs dirs = new SafeDirs(endpoint);
        Path tmp = Layout.tmp(endpoint);
        try {
            dirs.ensure(tmp, true);
        } catch (ItemFailure | IOException e) {
            throw new TransferException("cannot prepare " + tmp + ": " + e.getMessage(), e);
        }
        String prefix = ctx.jobId() + "-";
        activeTemps.add(prefix);
        TempFiles temps = new TempFiles(tmp, prefix);
        List<CopyWork> work = request.items().stream().map(CopyWork::new).toList();
        Throttle throttle = options.bytesPerSecond() > 0 ? new Throttle(options.bytesPerSecond()) : Throttle.NONE;
        Workers workers = new Workers(options.parallel(), "copy", ctx.jobId());
        DurableFlush flush = new DurableFlush(settings.durability(), nativeFs, endpoint, ctx.jobId());
        EntryMetadata metadata = new EntryMetadata(nativeFs);
        DirectoryMetadata directories = new DirectoryMetadata(dirs, metadata);
        ItemCopy copy = new ItemCopy(
                endpoint,
                options.generation(),
                keepReplaced,
                request.written(),
                dirs,
                temps,
                settings.copier(),
                throttle,
                metadata,
                directories,
                flush,
                nativeFs);
        RenameNoReplace rename = new RenameNoReplace(nativeFs);
        ItemMove move = new ItemMove(dirs, metadata, directories, flush, rename);
        WholeDirectories wholeDirectories =
                new WholeDirectories(tmp, prefix, dirs, metadata, directories, flush, rename, copy);
        List<CopyWork> copiedInstead = new ArrayList<>();
        StepTimes times = new StepTimes();
        try {
            // 1. look at every source (in parallel: one lstat each)
            workers.forEachPending(work, w -> w.inspect(dirs));
            times.inspected = System.nanoTime();
            long totalBytes = work.stream()
                    .filter(w -> w.pending() && w.kind == EntryKind.FILE)
                    .mapToLong(w -> w.source.size())
                    .sum();
            ctx.totals(work.size(), totalBytes);
            wholeDirectories.stage(work); // the new directories start in their staging directories

            // 2. directories, parents first, and the moves, each after the directories above its new name
            List<CopyWork> steps = work.stream()
                    .filter(w -> w.pending() && !w.landsWhole() && (w.kind == EntryKind.DIRECTORY || w.moves()))
                    .sorted(Comparator.comparing(w -> w.target))
                    .toList();
            List<CopyWork> planned = new ArrayList<>(); // directories whose metadata is set at the end
            for (CopyWork w : steps) {
                ctx.checkCancelled();
                if (!w.pending()) {
                    continue; // copied with a directory whose move could not be done
                }
                if (w.moves() && move.move(w)) {
                    if (w.kind == EntryKind.DIRECTORY) {
                        planned.add(w);
                    } else {
                        ctx.itemDone();
                    }
                    continue;
                }
                if (w.kind != EntryKind.DIRECTORY) {
                    continue; // a file whose move could not be done: copied with the others
                }
                directories.create(w);
                planned.add(w);
                if (!w.pending()) {
                    ctx.itemDone();
                } else if (w.moves()) {
                    copiedInstead.addAll(copyInstead(w, work, dirs, directories, planned));
                }
            }
            times.directoriesMade = System.nanoTime();

            // 3. files and links, batch by batch: write temps, flush, rename
            List<CopyWork> entries = new ArrayList<>();
            for (CopyWork w : work) {
                if (w.pending() && w.kind != EntryKind.DIRECTORY) {
                    entries.add(w);
                }
            }
            for (CopyWork w : copiedInstead) {
                if (w.pending() && w.kind != EntryKind.DIRECTORY) {
                    entries.add(w);
                }
            }
            copyInBatches(entries, workers, copy, flush, ctx, times);
            times.filesPlaced = System.nanoTime();

            // 4. the new directories, each with one rename
            wholeDirectories.place(ctx);
            times.directoriesPlaced = System.nanoTime();

            // 5. directory metadata
            directories.finish(planned, ctx, flush);
            times.metadataDone = System.nanoTime();
            flush.flushRenames();
            logTimes(ctx, work.size(), times);
        } catch (IOException e) {
            // the final flush failed: nothing can be said to be durable
            for (CopyWork w : work) {
                if (w.pending() || w.outcome.done()) {
                    w.fail(ItemFailure.classify(e), "flush failed: " + e.getMessage());
                }
            }
        } finally {
            workers.close();
            flush.close();
            temps.removeLeftovers();
            wholeDirectories.removeLeftovers();
            activeTemps.remove(prefix);
        }
        List<CopyWork> all = new ArrayList<>(work);
        all.addAll(copiedInstead);
        for (CopyWork w : all) {
            if (w.pending()) {
                w.fail(TransferReasons.CANCELLED, "the job was cancelled before this item");
            }
        }
        List<ItemOutcome> list = all.stream().map(w -> w.outcome).toList();
        outcomes = list;
        return JobResults.of(list);
    }

    /**
     * The copy of a directory whose move could not be done: its whole subtree, read from the source
     * as it is now, each entry a copy to a free name (its directories made here, parents first, and
     * added to {@code planned}); the job's other items under it are done by these copies.
     */
    private static List<CopyWork> copyInstead(
            CopyWork moved, List<CopyWork> work, SafeDirs dirs, DirectoryMetadata directories, List<CopyWork> planned) {
        Path top = moved.target;
        for (CopyWork w : work) {
            if (w.pending() && w != moved && w.target != null && w.target.startsWith(top)) {
                w.doneWithoutCopy(); // the subtree's copy below writes it as the source has it
            }
        }
        List<CopyWork> subtree = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(moved.item.source())) {
            for (Path source : (Iterable<Path>) walk.skip(1)::iterator) {
                CopyWork w = new CopyWork(
                        CopyItem.toNew(source, top.resolve(moved.item.source().relativize(source))));
                subtree.add(w);
                try {
                    w.inspect(dirs);
                } catch (ItemFailure f) {
                    w.fail(f.reason, f.getMessage());
                    continue;
                }
                if (w.kind == EntryKind.DIRECTORY) {
                    directories.create(w);
                    planned.add(w);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            moved.fail(TransferReasons.SOURCE_VANISHED, "cannot read " + moved.item.source() + ": " + e.getMessage());
        }
        return subtree;
    }

    /**
     * Stages, flushes and places {@code entries} in batches of at most {@link Settings#batchFiles}
     * entries and about {@link Settings#batchBytes}: the flush of batch k runs while the workers
     * write batch k+1; batch k is renamed into place once its flush returned. A cancelled job stages
     * no further batch.
     */
    private void copyInBatches(
            List<CopyWork> entries, Workers workers, ItemCopy copy, DurableFlush flush, JobContext ctx, StepTimes times)
            throws InterruptedException {
        int from = 0;
        Future<?> flushing = null;
        List<CopyWork> flushed = List.of();
        while (from < entries.size()) {
            if (ctx.isCancelled()) {
                break;
            }
            int to = from;
            long bytes = 0;
            while (to < entries.size() && to - from < settings.batchFiles() && bytes < settings.batchBytes()) {
                CopyWork w = entries.get(to++);
                bytes += w.kind == EntryKind.FILE ? w.source.size() : 0;
            }
            List<CopyWork> batch = entries.subList(from, to);
            from = to;
            long t = System.nanoTime();
            workers.forEachPending(batch, w -> copy.stage(w, ctx));
            times.staging += System.nanoTime() - t;
            Future<?> batchFlush = flush.flushTemps(batch);
            if (flushing != null) {
                place(flushing, flushed, workers, copy, ctx, times);
            }
            flushing = batchFlush;
            flushed = batch;
        }
        if (flushing != null) {
            place(flushing, flushed, workers, copy, ctx, times);
        }
    }

    /** Waits for the flush of {@code batch}, then renames its temps into place. */
    private static void place(
            Future<?> flushing, List<CopyWork> batch, Workers workers, ItemCopy copy, JobContext ctx, StepTimes times)
            throws InterruptedException {
        long t = System.nanoTime();
        DurableFlush.await(flushing);
        times.flushWaits += System.nanoTime() - t;
        t = System.nanoTime();
        workers.forEachPending(batch, w -> {
            if (!w.landsWhole()) {
                copy.place(w, ctx); // the others land with their new directory
            }
        });
        times.placing += System.nanoTime() - t;
    }

    private static void logTimes(JobContext ctx, int items, StepTimes times) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Copy job {}: {} items; sources inspected in {} ms, directories made in {} ms, temps written"
                            + " in {} ms, waited {} ms for flushes, renamed in {} ms, new directories placed in {} ms,"
                            + " directory metadata in {} ms, final flush {} ms",
                    ctx.jobId(),
                    items,
                    millis(times.inspected - times.start),
                    millis(times.directoriesMade - times.inspected),
                    millis(times.staging),
                    millis(times.flushWaits),
                    millis(times.placing),
                    millis(times.directoriesPlaced - times.filesPlaced),
                    millis(times.metadataDone - times.directoriesPlaced),
                    millis(System.nanoTime() - times.metadataDone));
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    @Override
    public String toString() {
        return description() + " " + List.of(settings.durability());
    }
}
