package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.filesync.api.path.Witness;
import org.filesync.index.EntryCount;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
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
 * The index, composed of its parts: the {@link Locations}, the {@link ScanScheduler}, the {@link
 * EventDebouncer} in front of the {@link PathApplier}, the {@link SettleMonitor} and the {@link
 * ChangeFeed}, on the threads of {@link IndexThreads}. It answers the {@link FileIndex} calls and
 * wires the parts; {@link #start()} returns at once, {@link #stop()} ends every thread.
 */
final class IndexEngine implements FileIndex {

    private static final Logger LOG = LoggerFactory.getLogger(IndexEngine.class);

    private volatile IndexSettings settings;

    private final IndexDatabase database;
    private final LocationStore locationStore;
    private final EntryStore entryStore;
    private final IndexThreads threads;
    private final Watcher watcher;
    private final SettleMonitor settle;
    private final ChangeFeed feed;
    private final Locations locations;
    private final EventDebouncer debouncer;
    private final Scanner scanner;
    private final PathApplier applier;
    private final ScanScheduler scans;
    private final WrittenWitnesses written = new WrittenWitnesses(WrittenWitnesses.LIMIT);

    /** A private directory (in java.io.tmpdir) whose watched events serve as barriers. */
    private Path barrierDirectory;

    IndexEngine(DataSource dataSource, IndexSettings settings, ContentHasher hasher) {
        this(dataSource, settings, hasher, new FileFacts());
    }

    IndexEngine(DataSource dataSource, IndexSettings settings, ContentHasher hasher, FileFacts facts) {
        this.settings = settings;
        this.database = new IndexDatabase(dataSource);
        this.locationStore = new LocationStore(database);
        this.entryStore = new EntryStore(database);
        this.threads = new IndexThreads(settings.hashThreads());
        this.locations = new Locations(locationStore, entryStore);
        this.debouncer = new EventDebouncer(settings.debounce(), this::eventsApplied);
        try {
            this.watcher = new Watcher(debouncer::offer, this::eventsLost);
        } catch (IOException e) {
            throw new IndexException("cannot create a file watch service: " + e.getMessage(), e);
        }
        this.settle = new SettleMonitor(watcher::awaitBarrier);
        this.feed = new ChangeFeed(threads.notify, settle);
        StableHasher stableHasher = new StableHasher(facts, hasher, written);
        this.scanner =
                new Scanner(entryStore, facts, stableHasher, threads.hash, settings.hashThreads(), watcher::watch);
        this.applier = new PathApplier(
                entryStore, facts, stableHasher, scanner, watcher, locations, debouncer, threads, this::newBatch);
        this.scans = new ScanScheduler(locationStore, scanner, applier, locations, threads, this::newBatch, settle);
    }

    /** Creates the tables if needed, loads the locations and starts watching and scanning them. */
    void start() {
        database.init();
        locationStore.createTables();
        entryStore.createTable();
        locations.load();
        try {
            barrierDirectory = Files.createTempDirectory("filesync-index-barrier");
            watcher.useBarrierDirectory(barrierDirectory);
        } catch (IOException e) {
            LOG.warn("no barrier directory ({}); awaitSettled waits a fixed 50 ms for events instead", e.toString());
        }
        threads.watch.execute(watcher);
        debouncer.start(threads.events, applier::applyEvents);
        // the start-up scan finds what changed while the index was down, and completes an
        // interrupted scan (rows already written are kept and not hashed again)
        scans.scanAll();
        scans.scheduleSafetyRescans(settings.safetyRescan());
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
        debouncer.debounce(next.debounce());
        if (next.hashThreads() != previous.hashThreads()) {
            threads.resize(next.hashThreads());
            scanner.hashThreads(next.hashThreads());
        }
        if (!next.safetyRescan().equals(previous.safetyRescan())) {
            scans.scheduleSafetyRescans(next.safetyRescan());
        }
        LOG.info("file index settings now {}", next);
    }

    /** Stops every thread; a running scan is cancelled (it restarts at the next start). */
    void stop() {
        threads.beginStop();
        watcher.close();
        if (barrierDirectory != null) {
            try {
                Files.deleteIfExists(barrierDirectory);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", barrierDirectory, e.toString());
            }
        }
        debouncer.stop();
        threads.stop();
        database.close();
        LOG.info("file index stopped");
    }

    void addListener(IndexListener listener) {
        feed.add(listener);
    }

    void removeListener(IndexListener listener) {
        feed.remove(listener);
    }

    /** The directories watched at or under a path. */
    List<Path> watchedUnder(Path path) {
        return watcher.watchedUnder(Locations.absolute(path));
    }

    // ---------------------------------------------------------------- FileIndex: locations

    @Override
    public IndexedLocation register(Path path, Collection<IgnoreRules> prune) {
        Path root = Locations.absolute(path);
        Objects.requireNonNull(prune, "prune");
        synchronized (locations) {
            Optional<LocationRuntime> existing = locations.innermost(root);
            if (existing.isPresent()) {
                if (existing.get().root.equals(root)) {
                    prune(root, prune);
                }
                return snapshot(existing.get());
            }
            if (!Files.isDirectory(root)) {
                throw new IndexException("not an existing directory: " + root);
            }
            LocationRuntime loc = locations.add(root, prune);
            LOG.info("location {} registered", root);
            scans.submit(loc, "", false);
            return snapshot(loc);
        }
    }

    @Override
    public void prune(Path root, Collection<IgnoreRules> ruleSets) {
        Objects.requireNonNull(ruleSets, "ruleSets");
        LocationRuntime loc = locations.require(root);
        if (!locations.replacePruning(loc, ruleSets)) {
            return;
        }
        // what is left out now is no longer watched; the rescan forgets its entries and indexes what is let in
        for (Path dir : watcher.watchedUnder(loc.root)) {
            if (!dir.equals(loc.root) && loc.pruning.prunes(loc.relativize(dir), true)) {
                watcher.unwatchTree(dir);
            }
        }
        LOG.info("location {}: pruning changed, rescanning", loc.root);
        scans.submit(loc, "", false);
    }

    @Override
    public List<IgnoreRules> pruning(Path root) {
        return locations.require(root).pruning.ruleSets();
    }

    @Override
    public boolean unregister(Path path) {
        Path root = Locations.absolute(path);
        if (locations.remove(root).isEmpty()) {
            return false;
        }
        watcher.unwatchTree(root);
        written.forgetUnder(root);
        for (LocationRuntime other : locations.all()) {
            if (other.root.startsWith(root) || root.startsWith(other.root)) {
                scans.submit(other, "", false); // re-establishes watches shared with the removed location
            }
        }
        LOG.info("location {} unregistered", root);
        settle.signal();
        return true;
    }

    @Override
    public List<IndexedLocation> locations() {
        return locations.all().stream()
                .sorted(Comparator.comparing(l -> l.root))
                .map(this::snapshot)
                .toList();
    }

    @Override
    public Optional<IndexedLocation> location(Path root) {
        return locations.at(root).map(this::snapshot);
    }

    @Override
    public Optional<LocatedPath> locate(Path path) {
        Path p = Locations.absolute(path);
        return locations.innermost(p).map(loc -> new LocatedPath(snapshot(loc), loc.relativize(p)));
    }

    // ---------------------------------------------------------------- FileIndex: entries

    @Override
    public Optional<IndexEntry> entry(Path root, String relativePath) {
        LocationRuntime loc = locations.require(root);
        String rel = Locations.checkRelative(relativePath);
        if (rel.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(entryStore.get(loc.id, rel)).map(Row::toEntry);
    }

    @Override
    public IndexReader reader(Path root) {
        return entryStore.reader(locations.require(root).id);
    }

    @Override
    public Stream<IndexEntry> entries(Path root, String prefix) {
        LocationRuntime loc = locations.require(root);
        String rel = Locations.checkRelative(prefix);
        Stream<IndexEntry> under = entryStore.rows(loc.id, rel, true, true).map(Row::toEntry);
        if (rel.isEmpty()) {
            return under;
        }
        Row self = entryStore.get(loc.id, rel);
        return self != null && self.live() ? Stream.concat(Stream.of(self.toEntry()), under) : under;
    }

    /** A whole location's counts are kept in memory (written rows update them); a subtree's are counted. */
    @Override
    public EntryCount count(Path root, String prefix) {
        LocationRuntime loc = locations.require(root);
        if (Locations.checkRelative(prefix).isEmpty()) {
            return new EntryCount(loc.liveCount.get(), loc.liveFiles.get());
        }
        return entryStore.count(loc.id, prefix);
    }

    @Override
    public Stream<IndexEntry> changesSince(Path root, String prefix, long afterSequence) {
        LocationRuntime loc = locations.require(root);
        String rel = Locations.checkRelative(prefix);
        String under = rel + "/";
        return entryStore
                .changes(
                        loc.id,
                        afterSequence,
                        r -> rel.isEmpty() || r.path().equals(rel) || r.path().startsWith(under))
                .map(Row::toEntry);
    }

    // ---------------------------------------------------------------- FileIndex: scans and settling

    @Override
    public void expectWritten(Path file, Witness witness, String hash) {
        Path p = Locations.absolute(file);
        Objects.requireNonNull(witness, "witness");
        if (hash == null
                || hash.isEmpty()
                || hash.length() % 2 != 0
                || !hash.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IndexException("not a hexadecimal hash: " + hash);
        }
        if (locations.innermost(p).isPresent()) {
            written.record(p, witness, hash);
        }
    }

    @Override
    public void rescan(Path path, boolean deep) {
        Path p = Locations.absolute(path);
        LocationRuntime loc =
                locations.innermost(p).orElseThrow(() -> new IndexException("not inside an indexed location: " + p));
        String rel = loc.relativize(p);
        if (Scanner.insideSkipped(rel)) {
            throw new IndexException("never indexed (inside " + Scanner.SKIPPED + "): " + p);
        }
        scans.scanAndWait(loc, rel, deep, p);
    }

    /** Runs on the calling thread, so that rescans of different locations go on in parallel. */
    @Override
    public void rescan(Path root, Collection<String> relativePaths) {
        LocationRuntime loc = locations.require(root);
        if (relativePaths == null) {
            throw new IndexException("no relative paths given");
        }
        List<String> rels = new ArrayList<>();
        for (String rel : relativePaths) {
            if (Scanner.insideSkipped(Locations.checkRelative(rel))) {
                throw new IndexException("never indexed (inside " + Scanner.SKIPPED + "): " + loc.root.resolve(rel));
            }
            rels.add(rel);
        }
        if (!rels.isEmpty()) {
            scans.rescanPaths(loc, rels);
        }
    }

    @Override
    public boolean cancelScans(Path root) {
        return scans.cancel(locations.require(root));
    }

    @Override
    public IndexStatus status(Path root) {
        LocationRuntime loc = locations.require(root);
        int running = loc.scans.get();
        return new IndexStatus(
                loc.root,
                running,
                debouncer.waiting(loc::contains),
                running > 0 ? loc.scanned.get() : 0,
                loc.sequence.get(),
                Optional.ofNullable(loc.error()));
    }

    @Override
    public void flushEvents(Path root) throws InterruptedException {
        LocationRuntime loc = locations.require(root);
        settle.awaitEventsReported();
        debouncer.flush(loc::contains);
    }

    @Override
    public IndexStatus awaitSettled(Path root, Duration timeout) throws InterruptedException {
        return settle.await(() -> status(root), timeout);
    }

    /** The debouncer handled a batch of events: what the status reports may have changed. */
    private void eventsApplied() {
        settle.signal();
    }

    /** The watcher lost events under a directory (null: anywhere). */
    private void eventsLost(Path dir) {
        scans.eventsLost(dir);
    }

    private Batch newBatch(LocationRuntime loc) {
        return new Batch(entryStore, loc, settings.batchSize(), feed::changed);
    }

    private IndexedLocation snapshot(LocationRuntime loc) {
        return loc.snapshot(debouncer.waiting(loc::contains));
    }
}
