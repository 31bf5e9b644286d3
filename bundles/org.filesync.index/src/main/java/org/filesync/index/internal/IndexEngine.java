package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.filesync.api.path.EntryKind;
import org.filesync.index.EntryCount;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexException;
import org.filesync.index.IndexListener;
import org.filesync.index.IndexReader;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index: locations, scans on a scan thread (hashing on a bounded pool), watcher events
 * debounced per path and applied on one thread, and the change feed on a notifier thread. {@link
 * #start()} returns at once; {@link #stop()} ends every thread.
 */
class IndexEngine implements FileIndex {

    private static final Logger LOG = LoggerFactory.getLogger(IndexEngine.class);
    private static final long SETTLE_POLL_MILLIS = 50;
    /** How long {@link #awaitSettled} waits at least when it has no barrier, for events to arrive. */
    private static final long EVENT_LATENCY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How long {@link #awaitSettled} waits for its barrier event (lost only after an overflow). */
    private static final long BARRIER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private volatile IndexSettings settings;
    /** The periodic safety rescan, rescheduled when its period changes. */
    private ScheduledFuture<?> safetyRescans;

    private final IndexStore store;
    private final FileFacts facts;
    private final Map<Path, LocationRuntime> locations = new ConcurrentHashMap<>();
    private final List<IndexListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService scanExecutor;
    private final ExecutorService hashPool;
    private final ExecutorService watchExecutor;
    private final ExecutorService applyExecutor;
    /** Applies the events of several locations at once (a sync writes into both ends of a conduit). */
    private final ExecutorService applyPool;

    private final ExecutorService notifyExecutor;
    private final ScheduledExecutorService timer;
    private final Scanner scanner;
    private final Watcher watcher;

    /**
     * Guards {@link #pending}, {@link #inFlight} and {@link #applyWake}; notified when the apply
     * loop has to look at the pending events before it would wake up by itself.
     */
    private final Object events = new Object();

    private final Map<Path, Long> pending = new LinkedHashMap<>();
    private final Set<Path> inFlight = new HashSet<>();
    /**
     * When the waiting apply loop wakes up by itself ({@link System#nanoTime}), or null while it
     * waits for a notification only (nothing pending) or is not waiting: an event due later than
     * that need not wake it, which spares it a look at every pending event per event of a burst.
     */
    private Long applyWake;
    /** Notified whenever something that {@link #status} reports may have changed. */
    private final Object settle = new Object();

    private volatile boolean closed;
    /** A private directory (in java.io.tmpdir) whose watched events serve as barriers. */
    private Path barrierDirectory;

    IndexEngine(DataSource dataSource, IndexSettings settings, ContentHasher hasher) {
        this(dataSource, settings, hasher, new FileFacts());
    }

    IndexEngine(DataSource dataSource, IndexSettings settings, ContentHasher hasher, FileFacts facts) {
        this.settings = settings;
        this.facts = facts;
        this.store = new IndexStore(dataSource);
        this.scanExecutor = Executors.newSingleThreadExecutor(threads("filesync-index-scan"));
        this.hashPool = Executors.newFixedThreadPool(settings.hashThreads(), threads("filesync-index-hash"));
        this.watchExecutor = Executors.newSingleThreadExecutor(threads("filesync-index-watch"));
        this.applyExecutor = Executors.newSingleThreadExecutor(threads("filesync-index-apply"));
        this.applyPool = Executors.newFixedThreadPool(settings.hashThreads(), threads("filesync-index-apply-location"));
        this.notifyExecutor = Executors.newSingleThreadExecutor(threads("filesync-index-notify"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("filesync-index-timer"));
        try {
            this.watcher = new Watcher(this::onEvent, this::onOverflow);
        } catch (IOException e) {
            throw new IndexException("cannot create a file watch service: " + e.getMessage(), e);
        }
        this.scanner = new Scanner(store, facts, hasher, hashPool, settings.hashThreads(), watcher::watch);
    }

    /** Creates the tables if needed, loads the locations and starts watching and scanning them. */
    void start() {
        store.init();
        Map<Integer, List<List<String>>> pruning = store.pruning();
        for (IndexStore.StoredLocation s : store.locations()) {
            Path root = Path.of(s.root());
            LocationRuntime loc = new LocationRuntime(
                    s.id(),
                    root,
                    store.maxSequence(s.id()),
                    store.count(s.id(), ""),
                    s.lastFullScanMillis() == null ? null : Instant.ofEpochMilli(s.lastFullScanMillis()));
            List<List<String>> ruleSets = pruning.get(s.id());
            if (ruleSets != null) {
                loc.pruning = Pruning.of(ruleSets.stream().map(IgnoreRules::new).toList());
            }
            locations.put(root, loc);
        }
        try {
            barrierDirectory = Files.createTempDirectory("filesync-index-barrier");
            watcher.useBarrierDirectory(barrierDirectory);
        } catch (IOException e) {
            LOG.warn("no barrier directory ({}); awaitSettled waits a fixed 50 ms for events instead", e.toString());
        }
        watchExecutor.execute(watcher);
        applyExecutor.execute(this::applyLoop);
        // the start-up scan finds what changed while the index was down, and completes an
        // interrupted scan (rows already written are kept and not hashed again)
        for (LocationRuntime loc : locations.values()) {
            submitScan(loc, "", false);
        }
        scheduleSafetyRescans(settings.safetyRescan());
        LOG.info("file index started with {} locations", locations.size());
    }

    /**
     * Applies new settings while the index runs: the debounce and batch size from the next event
     * and batch on, the hash threads by resizing the pools, the safety rescan by rescheduling it.
     * Nothing stops, so no scan, watch or run that depends on the index is interrupted.
     */
    synchronized void reconfigure(IndexSettings next) {
        IndexSettings previous = settings;
        settings = next;
        if (next.hashThreads() != previous.hashThreads()) {
            resize(hashPool, next.hashThreads());
            resize(applyPool, next.hashThreads());
            scanner.hashThreads(next.hashThreads());
        }
        if (!next.safetyRescan().equals(previous.safetyRescan())) {
            scheduleSafetyRescans(next.safetyRescan());
        }
        LOG.info("file index settings now {}", next);
    }

    private static void resize(ExecutorService pool, int threads) {
        ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;
        if (threads > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(threads);
            executor.setCorePoolSize(threads);
        } else {
            executor.setCorePoolSize(threads);
            executor.setMaximumPoolSize(threads);
        }
    }

    private synchronized void scheduleSafetyRescans(Duration period) {
        if (safetyRescans != null) {
            safetyRescans.cancel(false);
            safetyRescans = null;
        }
        long millis = period.toMillis();
        if (millis > 0) {
            safetyRescans = timer.scheduleWithFixedDelay(this::safetyRescan, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops every thread; a running scan is cancelled (it restarts at the next start). */
    void stop() {
        closed = true;
        watcher.close();
        if (barrierDirectory != null) {
            try {
                Files.deleteIfExists(barrierDirectory);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", barrierDirectory, e.toString());
            }
        }
        synchronized (events) {
            events.notifyAll();
        }
        for (ExecutorService e :
                List.of(timer, scanExecutor, hashPool, applyExecutor, applyPool, watchExecutor, notifyExecutor)) {
            e.shutdownNow();
        }
        try {
            for (ExecutorService e : List.of(scanExecutor, hashPool, applyExecutor, applyPool, notifyExecutor)) {
                if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("index threads did not stop within 10 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        LOG.info("file index stopped");
    }

    void addListener(IndexListener listener) {
        listeners.add(listener);
    }

    void removeListener(IndexListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- FileIndex

    @Override
    public IndexedLocation register(Path path, Collection<IgnoreRules> prune) {
        Path root = absolute(path);
        Objects.requireNonNull(prune, "prune");
        synchronized (locations) {
            Optional<LocationRuntime> existing = innermost(root);
            if (existing.isPresent()) {
                if (existing.get().root.equals(root)) {
                    prune(root, prune);
                }
                return snapshot(existing.get());
            }
            if (!Files.isDirectory(root)) {
                throw new IndexException("not an existing directory: " + root);
            }
            int id = store.insertLocation(root.toString());
            LocationRuntime loc = new LocationRuntime(id, root, 0, new EntryCount(0, 0), null);
            if (!prune.isEmpty()) {
                loc.pruning = Pruning.of(prune);
                store.setPruning(id, patterns(loc.pruning));
            }
            locations.put(root, loc);
            LOG.info("location {} registered", root);
            submitScan(loc, "", false);
            return snapshot(loc);
        }
    }

    @Override
    public void prune(Path root, Collection<IgnoreRules> ruleSets) {
        Objects.requireNonNull(ruleSets, "ruleSets");
        LocationRuntime loc = require(absolute(root));
        synchronized (
                loc) { // not the location's lock, which a long scan may hold: a scan reads the new rules as it goes
            if (loc.pruning.sameAs(ruleSets)) {
                return;
            }
            Pruning next = Pruning.of(ruleSets);
            store.setPruning(loc.id, patterns(next));
            loc.pruning = next;
        }
        // what is left out now is no longer watched; the rescan forgets its entries and indexes what is let in
        for (Path dir : watcher.watchedUnder(loc.root)) {
            if (!dir.equals(loc.root) && loc.pruning.prunes(loc.relativize(dir), true)) {
                watcher.unwatchTree(dir);
            }
        }
        LOG.info("location {}: pruning changed, rescanning", loc.root);
        submitScan(loc, "", false);
    }

    @Override
    public List<IgnoreRules> pruning(Path root) {
        return require(absolute(root)).pruning.ruleSets();
    }

    /** The directories watched at or under a path. */
    List<Path> watchedUnder(Path path) {
        return watcher.watchedUnder(absolute(path));
    }

    private static List<List<String>> patterns(Pruning pruning) {
        return pruning.ruleSets().stream().map(IgnoreRules::patterns).toList();
    }

    @Override
    public boolean unregister(Path path) {
        Path root = absolute(path);
        LocationRuntime loc;
        synchronized (locations) {
            loc = locations.remove(root);
        }
        if (loc == null) {
            return false;
        }
        loc.close();
        loc.lock.lock();
        try {
            store.deleteLocation(loc.id);
        } finally {
            loc.lock.unlock();
        }
        watcher.unwatchTree(root);
        for (LocationRuntime other : locations.values()) {
            if (other.root.startsWith(root) || root.startsWith(other.root)) {
                submitScan(other, "", false); // re-establishes watches shared with the removed location
            }
        }
        LOG.info("location {} unregistered", root);
        signalSettle();
        return true;
    }

    @Override
    public List<IndexedLocation> locations() {
        return locations.values().stream()
                .sorted(Comparator.comparing(l -> l.root))
                .map(this::snapshot)
                .toList();
    }

    @Override
    public Optional<IndexedLocation> location(Path root) {
        LocationRuntime loc = locations.get(absolute(root));
        return loc == null ? Optional.empty() : Optional.of(snapshot(loc));
    }

    @Override
    public Optional<LocatedPath> locate(Path path) {
        Path p = absolute(path);
        return innermost(p).map(loc -> new LocatedPath(snapshot(loc), loc.relativize(p)));
    }

    @Override
    public Optional<IndexEntry> entry(Path root, String relativePath) {
        LocationRuntime loc = require(root);
        String rel = checkRelative(relativePath);
        if (rel.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(store.get(loc.id, rel)).map(Row::toEntry);
    }

    @Override
    public IndexReader reader(Path root) {
        LocationRuntime loc = require(root);
        return store.reader(loc.id);
    }

    @Override
    public Stream<IndexEntry> entries(Path root, String prefix) {
        LocationRuntime loc = require(root);
        String rel = checkRelative(prefix);
        Stream<IndexEntry> under = store.rows(loc.id, rel, true, true).map(Row::toEntry);
        if (rel.isEmpty()) {
            return under;
        }
        Row self = store.get(loc.id, rel);
        return self != null && self.live() ? Stream.concat(Stream.of(self.toEntry()), under) : under;
    }

    /** A whole location's counts are kept in memory (written rows update them); a subtree's are counted. */
    @Override
    public EntryCount count(Path root, String prefix) {
        LocationRuntime loc = require(root);
        if (checkRelative(prefix).isEmpty()) {
            return new EntryCount(loc.liveCount.get(), loc.liveFiles.get());
        }
        return store.count(loc.id, prefix);
    }

    @Override
    public Stream<IndexEntry> changesSince(Path root, String prefix, long afterSequence) {
        LocationRuntime loc = require(root);
        String rel = checkRelative(prefix);
        String under = rel + "/";
        return store.changes(
                        loc.id,
                        afterSequence,
                        r -> rel.isEmpty() || r.path().equals(rel) || r.path().startsWith(under))
                .map(Row::toEntry);
    }

    @Override
    public void rescan(Path path, boolean deep) {
        Path p = absolute(path);
        LocationRuntime loc =
                innermost(p).orElseThrow(() -> new IndexException("not inside an indexed location: " + p));
        String rel = loc.relativize(p);
        if (insideSkipped(rel)) {
            throw new IndexException("never indexed (inside " + Scanner.SKIPPED + "): " + p);
        }
        try {
            submitScan(loc, rel, deep).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("rescan of " + p + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IndexException ie) {
                throw ie;
            }
            throw new IndexException("rescan of " + p + " failed: " + cause, cause);
        }
    }

    /** Runs on the calling thread, so that rescans of different locations go on in parallel. */
    @Override
    public void rescan(Path root, Collection<String> relativePaths) {
        LocationRuntime loc = require(root);
        if (relativePaths == null) {
            throw new IndexException("no relative paths given");
        }
        List<String> rels = new ArrayList<>();
        for (String rel : relativePaths) {
            if (insideSkipped(checkRelative(rel))) {
                throw new IndexException("never indexed (inside " + Scanner.SKIPPED + "): " + loc.root.resolve(rel));
            }
            rels.add(rel);
        }
        if (rels.isEmpty()) {
            return;
        }
        long epoch = loc.cancelEpoch.get();
        loc.scans.incrementAndGet();
        signalSettle();
        try {
            loc.lock.lockInterruptibly();
            try {
                if (loc.closed()) {
                    throw new IndexException("location " + loc.root + " was unregistered");
                }
                if (loc.cancelEpoch.get() != epoch) {
                    throw new IndexException("rescan of " + rels.size() + " paths in " + loc.root + " cancelled");
                }
                long t0 = System.nanoTime();
                applyPaths(loc, rels, false);
                LOG.debug(
                        "rescanned {} paths in {}: {} ms",
                        rels.size(),
                        loc.root,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            } finally {
                loc.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("rescan of " + rels.size() + " paths in " + loc.root + " interrupted");
        } finally {
            loc.scans.decrementAndGet();
            signalSettle();
        }
    }

    @Override
    public boolean cancelScans(Path root) {
        LocationRuntime loc = require(root);
        boolean any = loc.scans.get() > 0;
        loc.cancelEpoch.incrementAndGet();
        signalSettle();
        return any;
    }

    @Override
    public IndexStatus status(Path root) {
        LocationRuntime loc = require(root);
        int scans = loc.scans.get();
        return new IndexStatus(
                loc.root,
                scans,
                pendingEvents(loc),
                scans > 0 ? loc.scanned.get() : 0,
                loc.sequence.get(),
                Optional.ofNullable(loc.error()));
    }

    @Override
    public void flushEvents(Path root) throws InterruptedException {
        LocationRuntime loc = require(root);
        watcher.awaitBarrier(BARRIER_TIMEOUT_NANOS);
        long now = System.nanoTime();
        synchronized (events) {
            pending.replaceAll((path, due) -> loc.contains(path) && due - now > 0 ? now : due);
            events.notifyAll();
        }
    }

    @Override
    public IndexStatus awaitSettled(Path root, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        // events of changes made just before the call may still be on their way from the kernel:
        // wait for a barrier event behind them, or (without one) a moment
        long earliest = start;
        if (!watcher.awaitBarrier(Math.min(timeout.toNanos(), BARRIER_TIMEOUT_NANOS))) {
            earliest = start + Math.min(timeout.toNanos(), EVENT_LATENCY_NANOS);
        }
        while (true) {
            IndexStatus st = status(root);
            long now = System.nanoTime();
            long left = deadline - now;
            if ((st.settled() && now - earliest >= 0) || left <= 0) {
                return st;
            }
            synchronized (settle) {
                long wait = st.settled()
                        ? earliest - now
                        : Math.min(TimeUnit.MILLISECONDS.toNanos(SETTLE_POLL_MILLIS), left);
                settle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            }
        }
    }

    // ---------------------------------------------------------------- scans

    CompletableFuture<Void> submitScan(LocationRuntime loc, String prefix, boolean deep) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long epoch = loc.cancelEpoch.get();
        loc.scans.incrementAndGet();
        try {
            scanExecutor.execute(() -> {
                try {
                    runScan(loc, prefix, deep, epoch);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                } finally {
                    loc.scans.decrementAndGet();
                    signalSettle();
                }
            });
        } catch (RejectedExecutionException e) {
            loc.scans.decrementAndGet();
            done.completeExceptionally(new IndexException("the index is stopping"));
        }
        signalSettle();
        return done;
    }

    private void runScan(LocationRuntime loc, String prefix, boolean deep, long epoch) throws InterruptedException {
        if (loc.closed()) {
            return;
        }
        loc.lock.lockInterruptibly();
        try {
            if (loc.closed()) {
                return;
            }
            if (loc.cancelEpoch.get() != epoch) {
                throw new IndexException("scan of " + loc.root.resolve(prefix) + " cancelled");
            }
            if (prefix.isEmpty()) {
                loc.fullRescanQueued.set(false); // events lost from now on need another scan
            }
            long t0 = System.nanoTime();
            loc.scanned.set(0);
            Batch batch = newBatch(loc);
            boolean complete;
            try {
                complete =
                        scanner.scan(loc, prefix, deep, batch, () -> cancelled(loc) || loc.cancelEpoch.get() != epoch);
                batch.flush();
            } catch (IndexException e) {
                if (prefix.isEmpty()) {
                    loc.setError(e.getMessage());
                    LOG.warn("location {}: {}", loc.root, e.getMessage());
                }
                throw e;
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (!complete) {
                String what = "scan of " + loc.root.resolve(prefix) + " cancelled";
                LOG.info("{} after {} ms", what, ms);
                if (!closed && !loc.closed()) {
                    // not settled until a full scan completes the work
                    loc.setError(what + "; rescan to complete the index");
                }
                throw new IndexException(what);
            }
            if (prefix.isEmpty()) {
                Instant now = Instant.now();
                loc.setError(null);
                store.setLastFullScan(loc.id, now.toEpochMilli());
                loc.fullScanDone(now);
                LOG.info(
                        "scanned {}{}: {} paths, {} changes written, {} ms",
                        loc.root,
                        deep ? " (deep)" : "",
                        loc.scanned.get(),
                        batch.written(),
                        ms);
            } else {
                LOG.debug("scanned {}: {} changes, {} ms", loc.root.resolve(prefix), batch.written(), ms);
            }
        } finally {
            loc.lock.unlock();
        }
    }

    private boolean cancelled(LocationRuntime loc) {
        return closed || loc.closed() || Thread.currentThread().isInterrupted();
    }

    private void safetyRescan() {
        for (LocationRuntime loc : locations.values()) {
            submitScan(loc, "", false);
        }
    }

    // ---------------------------------------------------------------- watcher events

    private void onEvent(Path path) {
        onEvent(path, settings.debounce());
    }

    private void onEvent(Path path, Duration delay) {
        long due = System.nanoTime() + delay.toNanos();
        synchronized (events) {
            pending.put(path, due);
            if (applyWake == null || due - applyWake < 0) {
                events.notifyAll();
            }
        }
    }

    /**
     * Events were lost (the kernel's or the JDK's queue overflowed, which the JDK reports on every
     * key at once): one full rescan of each affected location, however many overflows arrive
     * before it starts.
     */
    private void onOverflow(Path dir) {
        for (LocationRuntime loc : locations.values()) {
            if (dir == null || loc.contains(dir) || loc.root.startsWith(dir)) {
                if (loc.fullRescanQueued.compareAndSet(false, true)) {
                    LOG.info("file events lost in {}: rescanning {}", dir, loc.root);
                    submitScan(loc, "", false);
                }
            }
        }
    }

    private int pendingEvents(LocationRuntime loc) {
        int n = 0;
        synchronized (events) {
            for (Path p : pending.keySet()) {
                if (loc.contains(p)) {
                    n++;
                }
            }
            for (Path p : inFlight) {
                if (loc.contains(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    private void applyLoop() {
        while (!closed) {
            List<Path> due = new ArrayList<>();
            try {
                synchronized (events) {
                    long now = System.nanoTime();
                    long next = Long.MAX_VALUE;
                    for (Iterator<Map.Entry<Path, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                        Map.Entry<Path, Long> e = it.next();
                        if (e.getValue() - now <= 0) {
                            due.add(e.getKey());
                            inFlight.add(e.getKey());
                            it.remove();
                        } else {
                            next = Math.min(next, e.getValue() - now);
                        }
                    }
                    if (due.isEmpty()) {
                        applyWake = next == Long.MAX_VALUE ? null : now + next;
                        try {
                            events.wait(next == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(next) + 1);
                        } finally {
                            applyWake = null;
                        }
                        continue;
                    }
                }
                apply(due);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("applying file events failed: {}", e.toString(), e);
            } finally {
                if (!due.isEmpty()) {
                    synchronized (events) {
                        due.forEach(inFlight::remove);
                    }
                    signalSettle();
                }
            }
        }
    }

    /** Applies due events; the events of different locations in parallel (each holds its own lock). */
    private void apply(List<Path> due) throws InterruptedException {
        Map<LocationRuntime, List<Path>> byLocation = new HashMap<>();
        for (Path p : due) {
            for (LocationRuntime loc : locations.values()) {
                if (loc.contains(p)) {
                    byLocation.computeIfAbsent(loc, l -> new ArrayList<>()).add(p);
                }
            }
        }
        if (byLocation.size() <= 1) {
            byLocation.forEach(this::applyEvents);
            return;
        }
        List<Callable<Void>> work = new ArrayList<>();
        byLocation.forEach((loc, paths) -> work.add(() -> {
            applyEvents(loc, paths);
            return null;
        }));
        applyPool.invokeAll(work);
    }

    /** How long events whose index write failed wait before they are applied again. */
    private static final Duration EVENT_RETRY_DELAY = Duration.ofSeconds(2);

    private void applyEvents(LocationRuntime loc, List<Path> paths) {
        if (loc.closed()) {
            return;
        }
        if (!loc.lock.tryLock()) {
            paths.forEach(this::onEvent); // a scan holds the location: try again later
            return;
        }
        try {
            long start = System.nanoTime();
            applyTo(loc, paths);
            LOG.debug(
                    "location {}: {} file events applied in {} ms",
                    loc.root,
                    paths.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IndexException ex) {
            // the database is unreachable (a server restarted, a network cut): the events stay
            // pending, so that the index neither loses them nor reports the location settled
            LOG.warn(
                    "location {}: applying {} file events failed, retrying in {} s: {}",
                    loc.root,
                    paths.size(),
                    EVENT_RETRY_DELAY.toSeconds(),
                    ex.getMessage());
            paths.forEach(p -> onEvent(p, EVENT_RETRY_DELAY));
        } catch (RuntimeException ex) {
            LOG.warn("location {}: applying file events failed: {}", loc.root, ex.toString(), ex);
        } finally {
            loc.lock.unlock();
        }
    }

    private void applyTo(LocationRuntime loc, List<Path> paths) {
        List<String> rels = new ArrayList<>();
        for (Path p : paths) {
            rels.add(loc.relativize(p));
        }
        applyPaths(loc, rels, true);
    }

    /**
     * Looks at each path as an event for it asks: its facts, its hash (always with {@code
     * alwaysHash}, else only when size, mtime or inode changed), a tombstone with everything under
     * it when it is gone, a whole scan when it is a new or replaced directory; then refreshes the
     * facts of the parent directories. The stored rows are read up front, on one connection.
     */
    private void applyPaths(LocationRuntime loc, List<String> paths, boolean alwaysHash) {
        Batch batch = newBatch(loc);
        List<String> rescanned = new ArrayList<>();
        Set<String> parents = new TreeSet<>();
        List<String> rels = new ArrayList<>(new TreeSet<>(paths));
        rels.removeIf(IndexEngine::insideSkipped);
        for (String rel : rels) {
            int slash = rel.lastIndexOf('/');
            if (slash > 0) {
                parents.add(rel.substring(0, slash));
            }
        }
        Set<String> lookups = new TreeSet<>(rels);
        lookups.addAll(parents);
        lookups.remove("");
        batch.prefetch(lookups);
        for (String rel : rels) {
            if (covered(rescanned, rel)) {
                continue;
            }
            if (rel.isEmpty()) {
                try {
                    scanner.scan(loc, "", false, batch, () -> cancelled(loc));
                    loc.setError(null);
                } catch (IndexException ex) {
                    loc.setError(ex.getMessage());
                    LOG.warn("location {}: {}", loc.root, ex.getMessage());
                }
                rescanned.add("");
                continue;
            }
            applyPath(loc, rel, batch, rescanned, alwaysHash);
        }
        for (String dir : parents) {
            if (!covered(rescanned, dir)) {
                refreshDirectory(loc, dir, batch);
            }
        }
        batch.flush();
    }

    private void applyPath(LocationRuntime loc, String rel, Batch batch, List<String> rescanned, boolean alwaysHash) {
        Pruning pruning = loc.pruning;
        if (pruning.prunesAbove(rel)) {
            return; // an event from a watch the pruning has not yet cancelled
        }
        Path path = loc.root.resolve(rel);
        Row old = batch.get(rel);
        Row f;
        try {
            f = facts.read(path, rel);
        } catch (NoSuchFileException e) {
            f = null;
        } catch (IOException e) {
            f = Row.failed(rel, old != null ? old.kind() : EntryKind.OTHER, FileFacts.reason(e));
        }
        if (f == null) {
            batch.delete(old);
            if (old == null || old.kind() == EntryKind.DIRECTORY) {
                deleteDescendants(loc, rel, batch);
                watcher.unwatchTree(path); // a file has no watch below it: no walk over every watched folder
            }
            return;
        }
        if (f.error() != null) {
            batch.put(f, old);
            return;
        }
        if (f.kind() == EntryKind.DIRECTORY) {
            if (old == null
                    || !old.live()
                    || old.kind() != EntryKind.DIRECTORY
                    || old.inode() != f.inode()
                    || old.error() != null) {
                scanner.scan(loc, rel, false, batch, () -> cancelled(loc));
                rescanned.add(rel);
            } else {
                batch.put(f, old);
                if (!pruning.prunes(rel, true)) {
                    watcher.watch(path);
                }
            }
            return;
        }
        if (f.kind() == EntryKind.FILE && pruning.prunes(rel, false)) {
            f = Scanner.unhashed(f, old);
        } else if (f.kind() == EntryKind.FILE
                && !alwaysHash
                && old != null
                && old.live()
                && old.hash() != null
                && old.error() == null
                && f.sameStat(old)) {
            f = f.withHash(old.hash());
        } else if (f.kind() == EntryKind.FILE) {
            Scanner.Hashed h = scanner.hashStable(path, f); // a write event always re-hashes
            if (h.row() == null) {
                batch.delete(old);
                return;
            }
            if (h.unstable()) {
                onEvent(path); // still being written: look again after the debounce window
                return;
            }
            f = h.row();
        }
        batch.put(f, old);
        if (old != null && old.live() && old.kind() == EntryKind.DIRECTORY) {
            deleteDescendants(loc, rel, batch);
            watcher.unwatchTree(path);
        }
    }

    private void deleteDescendants(LocationRuntime loc, String rel, Batch batch) {
        batch.flush();
        for (Row r : store.liveDescendants(loc.id, rel)) {
            batch.delete(r);
        }
    }

    /** Updates a directory's own facts (its mtime changes with its children). */
    private void refreshDirectory(LocationRuntime loc, String rel, Batch batch) {
        Row old = batch.get(rel);
        if (old == null || !old.live() || old.kind() != EntryKind.DIRECTORY) {
            return;
        }
        try {
            Row f = facts.read(loc.root.resolve(rel), rel);
            if (f.kind() == EntryKind.DIRECTORY && f.inode() == old.inode()) {
                batch.put(f.withError(old.error()), old);
            }
        } catch (IOException e) {
            LOG.debug("cannot refresh {}: {}", rel, e.toString());
        }
    }

    private static boolean covered(List<String> rescanned, String rel) {
        for (String dir : rescanned) {
            if (dir.isEmpty() || rel.equals(dir) || rel.startsWith(dir + "/")) {
                return true;
            }
        }
        return false;
    }

    static boolean insideSkipped(String rel) {
        return rel.equals(Scanner.SKIPPED)
                || rel.startsWith(Scanner.SKIPPED + "/")
                || rel.contains("/" + Scanner.SKIPPED + "/")
                || rel.endsWith("/" + Scanner.SKIPPED);
    }

    // ---------------------------------------------------------------- helpers

    private Batch newBatch(LocationRuntime loc) {
        return new Batch(store, loc, settings.batchSize(), this::notifyListeners);
    }

    private void notifyListeners(IndexChange change) {
        signalSettle();
        if (listeners.isEmpty()) {
            return;
        }
        try {
            notifyExecutor.execute(() -> {
                for (IndexListener l : listeners) {
                    try {
                        l.indexChanged(change);
                    } catch (RuntimeException e) {
                        LOG.warn("index listener {} failed: {}", l, e.toString(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("index stopping, change not reported: {}", change);
        }
    }

    private void signalSettle() {
        synchronized (settle) {
            settle.notifyAll();
        }
    }

    private IndexedLocation snapshot(LocationRuntime loc) {
        return loc.snapshot(pendingEvents(loc));
    }

    private Optional<LocationRuntime> innermost(Path p) {
        LocationRuntime best = null;
        for (LocationRuntime loc : locations.values()) {
            if (loc.contains(p) && (best == null || loc.root.getNameCount() > best.root.getNameCount())) {
                best = loc;
            }
        }
        return Optional.ofNullable(best);
    }

    private LocationRuntime require(Path root) {
        Path p = absolute(root);
        LocationRuntime loc = locations.get(p);
        if (loc == null) {
            throw new IndexException("not an indexed location: " + p);
        }
        return loc;
    }

    private static Path absolute(Path path) {
        if (path == null) {
            throw new IndexException("no path given");
        }
        if (!path.isAbsolute()) {
            throw new IndexException("not an absolute path: " + path);
        }
        return path.normalize();
    }

    private static String checkRelative(String rel) {
        if (rel == null) {
            throw new IndexException("no relative path given");
        }
        if (rel.startsWith("/") || rel.endsWith("/")) {
            throw new IndexException("not a relative path: '" + rel + "'");
        }
        return rel;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(
                    (th, e) -> LoggerFactory.getLogger(IndexEngine.class).error("{} died", th.getName(), e));
            return t;
        };
    }
}
