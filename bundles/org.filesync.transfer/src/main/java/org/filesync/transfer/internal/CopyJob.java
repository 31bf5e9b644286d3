package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.jobs.ItemError;
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
 * Copies a batch of entries into one endpoint. Per file: re-check the target against the plan,
 * write a temp file in {@code .filesync/tmp} (verifying size, and hash when given), set mode and
 * mtime; per batch: make the temps durable ({@link Durability}); then re-check and atomically
 * rename each temp over its target. Symbolic links are recreated as links; directories are
 * created, their metadata set last. Temp files never outlive the job, except after a crash, when
 * {@link TransferServiceImpl#cleanEndpoint} removes them.
 */
final class CopyJob implements TransferJob {

    private static final Logger LOG = LoggerFactory.getLogger(CopyJob.class);

    /** Tuning of {@link CopyJob}. */
    record Settings(Durability durability, int batchFiles, long batchBytes, Copier copier) {
        static Settings defaults(Durability durability) {
            return new Settings(durability, 1000, 128L << 20, Copier.DEFAULT);
        }
    }

    private final CopyRequest request;
    private final Settings settings;
    private final Optional<NativeFs> nativeFs;
    private final Function<String, Optional<DeleteStrategy>> strategies;
    private final ActiveTemps activeTemps;
    private volatile List<ItemOutcome> outcomes = List.of();
    private final ThreadLocal<Path> shards = new ThreadLocal<>();
    private final AtomicInteger shardCounter = new AtomicInteger();
    private final ParentTimes parentTimes = new ParentTimes();

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
        this.settings = settings.durability() == Durability.SYNCFS_BATCH && nativeFs.isEmpty()
                ? new Settings(
                        Durability.FSYNC_PER_FILE, settings.batchFiles(), settings.batchBytes(), settings.copier())
                : settings;
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

    /** One item's state through the job. */
    private static final class Work {
        final int index;
        final CopyItem item;
        Path target;
        PosixFileAttributes source;
        EntryKind kind;
        Path temp;
        long bytes;
        ItemOutcome outcome;

        Work(int index, CopyItem item) {
            this.index = index;
            this.item = item;
        }

        void fail(String reason, String message) {
            outcome = ItemOutcome.failed(item.target(), reason, message);
        }
    }

    @Override
    public JobResult run(JobContext ctx) throws InterruptedException {
        TransferOptions options = request.options();
        Path endpoint = options.endpoint().normalize();
        if (!Files.isDirectory(endpoint)) {
            throw new TransferException("the endpoint " + endpoint + " is missing or not a directory");
        }
        DeleteStrategy keeper = null;
        if (!options.replacedStrategy().isEmpty()) {
            keeper = strategies
                    .apply(options.replacedStrategy())
                    .orElseThrow(() -> new TransferException(
                            "no delete strategy '" + options.replacedStrategy() + "' is registered"));
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
        Set<Path> liveTemps = ConcurrentHashMap.newKeySet();
        List<Work> work = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            work.add(new Work(i, request.items().get(i)));
        }
        AtomicInteger tempCounter = new AtomicInteger();
        Throttle throttle = options.bytesPerSecond() > 0 ? new Throttle(options.bytesPerSecond()) : Throttle.NONE;
        Set<Path> touchedDirs = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), r -> {
            Thread t = new Thread(r, "filesync-copy-" + ctx.jobId().substring(0, 8));
            t.setDaemon(true);
            return t;
        });
        ExecutorService flusher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "filesync-flush-" + ctx.jobId().substring(0, 8));
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long staging = 0;
        long flushWaits = 0;
        long committing = 0;
        long inspected = start;
        long directoriesMade = start;
        long filesPlaced = start;
        try {
            // 1. look at every source (in parallel: one lstat each)
            parallel(pool, work, w -> inspect(w, dirs));
            inspected = System.nanoTime();
            long totalBytes = work.stream()
                    .filter(w -> w.outcome == null && w.kind == EntryKind.FILE)
                    .mapToLong(w -> w.source.size())
                    .sum();
            ctx.totals(work.size(), totalBytes);

            // 2. directories, parents first
            List<Work> directories = work.stream()
                    .filter(w -> w.outcome == null && w.kind == EntryKind.DIRECTORY)
                    .sorted(Comparator.comparing(w -> w.target))
                    .toList();
            for (Work w : directories) {
                ctx.checkCancelled();
                makeDirectory(w, dirs);
                if (w.outcome != null) {
                    ctx.itemDone();
                }
            }

            directoriesMade = System.nanoTime();
            // 3. files and links, batch by batch: write temps, flush, rename
            List<Work> entries = work.stream()
                    .filter(w -> w.outcome == null && w.kind != EntryKind.DIRECTORY)
                    .toList();
            // The flush of batch k runs while the workers write batch k+1; batch k is renamed
            // into place once its flush returned.
            int from = 0;
            final DeleteStrategy keep = keeper;
            Future<?> flushing = null;
            List<Work> flushed = List.of();
            while (from < entries.size()) {
                if (ctx.isCancelled()) {
                    break;
                }
                int to = from;
                long bytes = 0;
                while (to < entries.size() && to - from < settings.batchFiles() && bytes < settings.batchBytes()) {
                    Work w = entries.get(to++);
                    bytes += w.kind == EntryKind.FILE ? w.source.size() : 0;
                }
                List<Work> batch = entries.subList(from, to);
                from = to;
                long t = System.nanoTime();
                parallel(pool, batch, w -> stage(w, dirs, tmp, prefix, tempCounter, throttle, ctx, liveTemps));
                staging += System.nanoTime() - t;
                Future<?> flush = flusher.submit(() -> flushBatch(endpoint, batch));
                if (flushing != null) {
                    t = System.nanoTime();
                    await(flushing);
                    flushWaits += System.nanoTime() - t;
                    t = System.nanoTime();
                    commitAll(pool, flushed, endpoint, keep, touchedDirs, liveTemps, ctx);
                    committing += System.nanoTime() - t;
                }
                flushing = flush;
                flushed = batch;
            }
            if (flushing != null) {
                long t = System.nanoTime();
                await(flushing);
                flushWaits += System.nanoTime() - t;
                t = System.nanoTime();
                commitAll(pool, flushed, endpoint, keep, touchedDirs, liveTemps, ctx);
                committing += System.nanoTime() - t;
            }
            filesPlaced = System.nanoTime();

            // 4. directory metadata: the folders this job wrote into get their mtimes back, then the
            // planned ones get the source's, deepest first (writing inside a directory changes its mtime)
            parentTimes.restore();
            List<Work> reversed = new ArrayList<>(directories);
            reversed.sort(Comparator.comparing((Work w) -> w.target).reversed());
            for (Work w : reversed) {
                if (w.outcome == null) {
                    applyMetadata(w.target, w.source, false);
                    w.outcome = ItemOutcome.done(w.item.target(), 0);
                    ctx.itemDone();
                    touchedDirs.add(w.target.getParent());
                }
            }
            long metadataDone = System.nanoTime();
            finish(endpoint, touchedDirs);
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "Copy job {}: {} items; sources inspected in {} ms, directories made in {} ms, temps written"
                                + " in {} ms, waited {} ms for flushes, renamed in {} ms, directory metadata in {} ms,"
                                + " final flush {} ms",
                        ctx.jobId(),
                        work.size(),
                        millis(inspected - start),
                        millis(directoriesMade - inspected),
                        millis(staging),
                        millis(flushWaits),
                        millis(committing),
                        millis(metadataDone - filesPlaced),
                        millis(System.nanoTime() - metadataDone));
            }
        } catch (IOException e) {
            // the final flush failed: nothing can be said to be durable
            for (Work w : work) {
                if (w.outcome == null || w.outcome.done()) {
                    w.fail(ItemFailure.classify(e), "flush failed: " + e.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
            flusher.shutdownNow();
            // temp files first, then the workers' folders
            liveTemps.stream()
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .forEach(CopyJob::deleteQuietly);
            activeTemps.remove(prefix);
        }
        for (Work w : work) {
            if (w.outcome == null) {
                w.fail(TransferReasons.CANCELLED, "the job was cancelled before this item");
            }
        }
        List<ItemOutcome> list = work.stream().map(w -> w.outcome).toList();
        outcomes = list;
        return result(list);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    static JobResult result(List<ItemOutcome> list) {
        long ok = 0;
        long bytes = 0;
        List<ItemError> errors = new ArrayList<>();
        for (ItemOutcome o : list) {
            if (o.done()) {
                ok++;
                bytes += o.bytes();
            } else {
                errors.add(new ItemError(o.path().toString(), o.reason(), o.message()));
            }
        }
        return new JobResult(ok, bytes, errors, ok + " done, " + errors.size() + " failed, " + bytes + " bytes");
    }

    private interface Step {
        void apply(Work w) throws ItemFailure, IOException, InterruptedException;
    }

    /** Runs {@code step} on every item without an outcome, up to {@code parallel} at once. */
    private static void parallel(ExecutorService pool, List<Work> items, Step step) throws InterruptedException {
        int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, items.size()); t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < items.size()) {
                    Work w = items.get(i);
                    if (w.outcome != null) {
                        continue;
                    }
                    try {
                        step.apply(w);
                    } catch (ItemFailure f) {
                        w.fail(f.reason, f.getMessage());
                    } catch (IOException e) {
                        ItemFailure f = ItemFailure.of(e);
                        w.fail(f.reason, f.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    } catch (RuntimeException e) {
                        LOG.warn("Unexpected error copying {}", w.item.target(), e);
                        w.fail(TransferReasons.IO_ERROR, String.valueOf(e));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static void inspect(Work w, SafeDirs dirs) throws ItemFailure, IOException {
        w.target = dirs.inside(w.item.target(), false);
        try {
            w.source = Files.readAttributes(w.item.source(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ItemFailure.ofSource(e);
        }
        w.kind = StateCheck.kind(w.source);
        if (w.source.isOther()) {
            throw new ItemFailure(TransferReasons.IO_ERROR, w.item.source() + " is not a file, directory or link");
        }
    }

    private void makeDirectory(Work w, SafeDirs dirs) {
        try {
            Optional<EntryFacts> expected = w.item.expectedTarget();
            Optional<java.nio.file.attribute.BasicFileAttributes> actual = StateCheck.lstat(w.target);
            if (actual.isPresent()) {
                boolean isDir = actual.get().isDirectory() && !actual.get().isSymbolicLink();
                boolean planned = expected.isPresent() && expected.get().kind() == EntryKind.DIRECTORY;
                if (!isDir || !planned && expected.isPresent()) {
                    w.fail(
                            TransferReasons.CHANGED_SINCE_PLAN,
                            StateCheck.mismatch(w.target, expected, false).orElse(w.target + " is not a directory"));
                    return;
                }
            }
            if (actual.isEmpty()) {
                parentTimes.remember(w.target.getParent());
            }
            dirs.ensure(w.target, true);
        } catch (ItemFailure f) {
            w.fail(f.reason, f.getMessage());
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            w.fail(f.reason, f.getMessage());
        }
    }

    private void stage(
            Work w,
            SafeDirs dirs,
            Path tmp,
            String prefix,
            AtomicInteger counter,
            Throttle throttle,
            JobContext ctx,
            Set<Path> liveTemps)
            throws ItemFailure, IOException, InterruptedException {
        if (ctx.isCancelled()) {
            throw new ItemFailure(TransferReasons.CANCELLED, "the job was cancelled before this item");
        }
        ctx.currentItem(w.item.target().toString());
        dirs.ensure(w.target.getParent(), true);
        Optional<String> changed = targetChanged(w);
        if (changed.isPresent()) {
            throw new ItemFailure(TransferReasons.CHANGED_SINCE_PLAN, changed.get() + "; kept as it is");
        }
        if (w.item.expectedTarget().map(e -> e.kind() == EntryKind.DIRECTORY).orElse(false)) {
            throw new ItemFailure(
                    TransferReasons.IO_ERROR, w.target + " is a directory; delete it before copying over it");
        }
        Path temp = shard(tmp, prefix, liveTemps).resolve(counter.incrementAndGet() + ".tmp");
        w.temp = temp;
        liveTemps.add(temp);
        try {
            if (w.kind == EntryKind.SYMLINK) {
                Path link;
                try {
                    link = Files.readSymbolicLink(w.item.source());
                } catch (IOException e) {
                    throw ItemFailure.ofSource(e);
                }
                Files.createSymbolicLink(temp, link);
                applyMetadata(temp, w.source, true);
            } else {
                w.bytes = writeFile(w, temp, throttle, ctx);
                applyMetadata(temp, w.source, false);
            }
        } catch (ItemFailure | IOException | InterruptedException e) {
            deleteQuietly(temp);
            liveTemps.remove(temp);
            w.temp = null;
            throw e;
        }
    }

    /**
     * How the target differs from the plan, with the hash when the plan has one. Where the plan saw
     * nothing, an absent target is confirmed without an exception per file ({@link NativeFs#absent});
     * anything else, or no native calls, takes the full {@link StateCheck#mismatch}.
     */
    private Optional<String> targetChanged(Work w) throws IOException, ItemFailure {
        if (w.item.expectedTarget().isEmpty()
                && nativeFs.isPresent()
                && nativeFs.get().absent(w.target)) {
            return Optional.empty();
        }
        return StateCheck.mismatch(w.target, w.item.expectedTarget(), true);
    }

    /**
     * The calling worker's own folder under {@code .filesync/tmp} ({@code <job id>-<n>}): workers
     * do not contend for one directory's lock when they create and rename temp files.
     */
    private Path shard(Path tmp, String prefix, Set<Path> liveTemps) throws IOException {
        Path shard = shards.get();
        if (shard == null) {
            shard = tmp.resolve(prefix + shardCounter.incrementAndGet());
            Files.createDirectory(shard);
            liveTemps.add(shard);
            shards.set(shard);
        }
        return shard;
    }

    private long writeFile(Work w, Path temp, Throttle throttle, JobContext ctx)
            throws ItemFailure, IOException, InterruptedException {
        MessageDigest digest = w.item.sourceHash().isPresent()
                ? StateCheck.digest(w.item.sourceHash().get().algorithm())
                : null;
        long expectedSize = w.source.size();
        long written;
        FileChannel in;
        try {
            in = FileChannel.open(w.item.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ItemFailure.ofSource(e);
        }
        try (in;
                FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            written = settings.copier().copy(in, out, expectedSize, digest, throttle, ctx);
            if (written != expectedSize || out.size() != expectedSize || in.size() != expectedSize) {
                throw new ItemFailure(
                        TransferReasons.SOURCE_CHANGED,
                        w.item.source() + " changed while it was copied (" + expectedSize + " bytes expected, "
                                + written + " copied); the target was not touched");
            }
            if (settings.durability() == Durability.FSYNC_PER_FILE) {
                out.force(true);
            }
        }
        if (digest != null) {
            String hex = HexFormat.of().formatHex(digest.digest());
            if (!hex.equals(w.item.sourceHash().get().hex())) {
                throw new ItemFailure(
                        TransferReasons.SOURCE_CHANGED,
                        w.item.source() + " does not have the content the plan saw (hash differs); the target was"
                                + " not touched");
            }
        }
        PosixFileAttributes after;
        try {
            after = Files.readAttributes(w.item.source(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ItemFailure.ofSource(e);
        }
        if (after.size() != expectedSize || !after.lastModifiedTime().equals(w.source.lastModifiedTime())) {
            throw new ItemFailure(
                    TransferReasons.SOURCE_CHANGED,
                    w.item.source() + " changed while it was copied; the target was not touched");
        }
        return written;
    }

    /** Mode (not for links) and modification time, from the source. */
    private void applyMetadata(Path p, PosixFileAttributes source, boolean link) throws IOException {
        if (!link) {
            Files.setPosixFilePermissions(p, source.permissions());
        }
        // one utimensat(2) instead of the JDK's open + futimens + close
        if (nativeFs.isPresent() && nativeFs.get().setTimes(p, source.lastModifiedTime(), source.lastAccessTime())) {
            return;
        }
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(source.lastModifiedTime(), source.lastAccessTime(), null);
        } catch (IOException | UnsupportedOperationException e) {
            if (!link) {
                throw e;
            }
            LOG.debug("Cannot set the mtime of link {}: {}", p, e.toString());
        }
    }

    private void commitAll(
            ExecutorService pool,
            List<Work> batch,
            Path endpoint,
            DeleteStrategy keep,
            Set<Path> touchedDirs,
            Set<Path> liveTemps,
            JobContext ctx)
            throws InterruptedException {
        String generation = request.options().generation();
        parallel(pool, batch, w -> commit(w, endpoint, keep, generation, touchedDirs, liveTemps, ctx));
    }

    private static void await(Future<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void flushBatch(Path endpoint, List<Work> batch) {
        if (settings.durability() != Durability.SYNCFS_BATCH || batch.stream().noneMatch(w -> w.temp != null)) {
            return;
        }
        try {
            nativeFs.orElseThrow().syncfs(endpoint);
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            for (Work w : batch) {
                if (w.outcome == null) {
                    w.fail(f.reason, "cannot make the copy durable: " + f.getMessage());
                }
            }
        }
    }

    private void commit(
            Work w,
            Path endpoint,
            DeleteStrategy keep,
            String generation,
            Set<Path> touchedDirs,
            Set<Path> liveTemps,
            JobContext ctx)
            throws ItemFailure, IOException {
        try {
            if (w.item.expectedTarget().isPresent()) {
                Optional<String> changed = StateCheck.mismatch(w.target, w.item.expectedTarget(), false);
                if (changed.isPresent()) {
                    throw new ItemFailure(TransferReasons.CHANGED_SINCE_PLAN, changed.get() + "; kept as it is");
                }
            }
            parentTimes.remember(w.target.getParent());
            if (w.item.expectedTarget().isEmpty()) {
                // the plan saw nothing there: the rename itself refuses an entry that appeared
                if (!renameNoReplace(w.temp, w.target)) {
                    throw new ItemFailure(
                            TransferReasons.CHANGED_SINCE_PLAN,
                            "an entry appeared at " + w.target + " since the plan; kept as it is");
                }
            } else {
                if (keep != null) {
                    keep.keepReplaced(endpoint, w.target, generation);
                }
                Files.move(w.temp, w.target, StandardCopyOption.ATOMIC_MOVE);
            }
            liveTemps.remove(w.temp);
            touchedDirs.add(w.target.getParent());
            w.outcome = ItemOutcome.done(w.item.target(), w.bytes);
        } catch (DirectoryNotEmptyException e) {
            throw new ItemFailure(TransferReasons.CHANGED_SINCE_PLAN, w.target + " is a directory now; kept as it is");
        } finally {
            ctx.itemDone();
            if (w.outcome == null || !w.outcome.done()) {
                deleteQuietly(w.temp);
                liveTemps.remove(w.temp);
            }
        }
    }

    /** Renames unless the target exists; false when it exists. */
    private boolean renameNoReplace(Path from, Path to) throws IOException {
        try {
            if (nativeFs.isPresent() && nativeFs.get().renameNoReplace(from, to)) {
                return true;
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        // Fallback: a hard link fails when the name is taken, then the temp goes away.
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(from);
        return true;
    }

    /** Makes the renames durable. */
    private void finish(Path endpoint, Set<Path> touchedDirs) throws IOException {
        switch (settings.durability()) {
            case SYNCFS_BATCH -> nativeFs.orElseThrow().syncfs(endpoint);
            case FSYNC_PER_FILE -> {
                for (Path d : touchedDirs) {
                    NativeFs.fsyncDirectory(d);
                }
            }
            case NONE -> {
                // measurements only
            }
        }
    }

    static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
            // gone already
        } catch (IOException e) {
            LOG.warn("Cannot remove temp file {}: {}", p, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return description() + " " + Arrays.asList(settings.durability());
    }
}
