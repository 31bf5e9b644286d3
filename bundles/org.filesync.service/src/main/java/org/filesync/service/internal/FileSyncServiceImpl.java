package org.filesync.service.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitBusyException;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ConflictChoice;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.FileSyncException;
import org.filesync.api.FileSyncService;
import org.filesync.api.Generation;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.PathConflict;
import org.filesync.api.PrintablePaths;
import org.filesync.api.RegisteredPlugins;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.api.Trigger;
import org.filesync.conflict.ConflictStrategies;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.resolver.Resolver;
import org.filesync.store.BaselineStore;
import org.filesync.store.ConduitStore;
import org.filesync.store.ConflictStore;
import org.filesync.store.GenerationStore;
import org.filesync.transfer.TransferService;
import org.filesync.verification.Verifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FileSyncService}: conduit lifecycle on the store (registering both ends with the
 * index), and sync runs through the {@link SyncEngine}.
 */
@Component(service = FileSyncService.class, name = "org.filesync.service", configurationPid = "org.filesync.service")
@Designate(ocd = ServiceConfig.class)
public final class FileSyncServiceImpl implements FileSyncService {

    private static final Logger LOG = LoggerFactory.getLogger(FileSyncServiceImpl.class);

    private final ConduitStore store;
    private final GenerationStore generations;
    private final ConflictStore conflicts;
    private final FileIndex index;
    private final SyncEvents events;
    private final ExecutorService executor;
    private final SyncEngine engine;
    private final Resolver resolver;
    private final ConflictStrategies conflictStrategies;
    private final TransferService transfer;

    @Activate
    public FileSyncServiceImpl(
            @Reference ConduitStore store,
            @Reference GenerationStore generations,
            @Reference BaselineStore baselines,
            @Reference ConflictStore conflicts,
            @Reference EventAdmin eventAdmin,
            @Reference FileIndex index,
            @Reference TransferService transfer,
            @Reference Resolver resolver,
            @Reference Verifier verifier,
            @Reference ConflictStrategies conflictStrategies,
            ServiceConfig config) {
        this.store = store;
        this.generations = generations;
        this.conflicts = conflicts;
        this.index = index;
        this.resolver = resolver;
        this.conflictStrategies = conflictStrategies;
        this.transfer = transfer;
        this.events = new SyncEvents(eventAdmin);
        this.executor = Executors.newCachedThreadPool(namedThreads());
        // Runs wait for the recovery: it must never fail a generation this instance started.
        CompletableFuture<Void> recovered =
                CompletableFuture.runAsync(new StartupRecovery(store, generations, transfer)::run, executor);
        // conduits stored before the index knew their rules: a no-op once it does
        executor.execute(() -> {
            try {
                List<Conduit> conduits = store.list();
                List<Path> endpoints = new ArrayList<>();
                conduits.forEach(c -> endpoints.addAll(List.of(c.source(), c.target())));
                LocationPruning.refresh(index, conduits, endpoints);
            } catch (RuntimeException e) {
                LOG.warn("cannot tell the index what the conduits ignore: {}", e.toString());
            }
        });
        RunRequests requests = new RunRequests(index, generations, conflicts);
        this.engine = new SyncEngine(
                new Stores(store, generations, baselines, conflicts),
                index,
                transfer,
                new ResolverPlanner(resolver, requests, baselines),
                requests,
                resolver,
                events,
                verifier,
                executor,
                recovered);
        modified(config);
    }

    /** A changed configuration applies to the next wait of each run: nothing restarts, no run fails. */
    @Modified
    void modified(ServiceConfig config) {
        engine.configure(
                Duration.ofSeconds(Math.max(1, config.settle_timeout_seconds())),
                Duration.ofSeconds(Math.max(1, config.verification_timeout_seconds())));
    }

    /** The plug-in names registered now, from the owner of each family. */
    @Override
    public RegisteredPlugins registeredPlugins() {
        return new RegisteredPlugins(resolver.modes(), conflictStrategies.names(), transfer.deleteStrategies());
    }

    /**
     * Stops the runs under way: each ends its generation {@code failed} (its copies, durable and
     * atomic, stay in place; no delete starts after), and its handle completes.
     */
    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Sync runs did not stop within 30 s");
        }
    }

    @Override
    public Conduit createConduit(ConduitSpec spec) {
        Objects.requireNonNull(spec, "spec");
        PluginNames.check(spec.options(), registeredPlugins());
        checkIgnoreRules(spec.options());
        Conduit created = store.create(spec);
        try {
            List<Conduit> conduits = store.list();
            // the rules are set before the first scan starts: an ignored subtree is never walked
            index.register(created.source(), LocationPruning.ruleSets(created.source(), conduits));
            index.register(created.target(), LocationPruning.ruleSets(created.target(), conduits));
            LocationPruning.refresh(index, conduits, List.of(created.source(), created.target()));
        } catch (RuntimeException e) {
            store.delete(created.id());
            throw e;
        }
        events.conduit(FileSyncEvents.CONDUIT_CREATED, created);
        return created;
    }

    @Override
    public Optional<Conduit> getConduit(long id) {
        return store.get(id);
    }

    @Override
    public List<Conduit> listConduits() {
        return store.list();
    }

    @Override
    public Conduit updateConduit(long id, ConduitOptions options) {
        Objects.requireNonNull(options, "options");
        Conduit existing = store.get(id).orElseThrow(() -> new ConduitNotFoundException(id));
        PluginNames.checkChanged(existing.options(), options, registeredPlugins());
        checkIgnoreRules(options);
        boolean otherMode = !existing.options().mode().equals(options.mode());
        boolean otherRules = !existing.options().ignores().equals(options.ignores());
        if (otherMode && engine.isRunning(id)) {
            throw new ConduitBusyException(id, "Conduit " + id + " is syncing: change its mode once the run has ended");
        }
        if (otherRules && engine.isRunning(id)) {
            throw new ConduitBusyException(
                    id, "Conduit " + id + " is syncing: change its ignore rules once the run has ended");
        }
        // The agreed state of another mode proves nothing: the next run starts from both ends as they are.
        Conduit updated = otherMode ? store.updateForgettingAgreement(id, options) : store.update(id, options);
        // other rules: the checkpoint carries the fingerprint of the rules it was reached with, so the next
        // run reads both ends in full (RunRequests)
        if (otherRules) {
            LocationPruning.refresh(index, store.list(), List.of(updated.source(), updated.target()));
        }
        events.conduit(FileSyncEvents.CONDUIT_UPDATED, updated);
        return updated;
    }

    /** Refuses ignore patterns that do not compile, before anything is stored. */
    private static void checkIgnoreRules(ConduitOptions options) {
        try {
            new IgnoreRules(options.ignores());
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("ignore", "Invalid ignore rules: " + e.getMessage());
        }
    }

    @Override
    public void deleteConduit(long id) {
        Conduit existing = store.get(id).orElseThrow(() -> new ConduitNotFoundException(id));
        if (engine.isRunning(id)) {
            throw new ConduitBusyException(id, "Conduit " + id + " is syncing: delete it once the run has ended");
        }
        store.delete(id);
        releaseLocation(existing.source());
        releaseLocation(existing.target());
        LocationPruning.refresh(index, store.list(), List.of(existing.source(), existing.target()));
        events.conduit(FileSyncEvents.CONDUIT_DELETED, existing);
    }

    @Override
    public SyncHandle syncNow(long id, boolean force, Trigger trigger) {
        Objects.requireNonNull(trigger, "trigger");
        return engine.start(id, force, trigger);
    }

    @Override
    public SyncPlan dryRun(long id, boolean force) {
        return engine.dryRun(id, force);
    }

    @Override
    public List<SyncProgress> activeRuns() {
        return engine.active();
    }

    @Override
    public List<Generation> history(long id) {
        store.get(id).orElseThrow(() -> new ConduitNotFoundException(id));
        return generations.history(id);
    }

    @Override
    public List<PathConflict> conflicts(long id) {
        store.get(id).orElseThrow(() -> new ConduitNotFoundException(id));
        return conflicts.pendingConflicts(id);
    }

    @Override
    public List<PathConflict> conflictHistory(long id) {
        store.get(id).orElseThrow(() -> new ConduitNotFoundException(id));
        return conflicts.allConflicts(id);
    }

    @Override
    public PathConflict resolveConflict(long id, String path, ConflictChoice choice) {
        Conduit conduit = store.get(id).orElseThrow(() -> new ConduitNotFoundException(id));
        if (path == null || path.isBlank()) {
            throw new InvalidRequestException("A conflict path is required: see filesync:conflicts " + id);
        }
        if (choice == null) {
            throw new InvalidOptionException("use", "Choose the side to keep: source, target or both");
        }
        // forgets the checkpoint with it: the path may lie behind it, so the next resolution reads both ends in full
        PathConflict resolved = conflicts.decideConflict(id, path, choice.label(), Instant.now());
        events.userResolved(conduit, resolved);
        LOG.info("Conduit {}: conflict at {} resolved with {}", id, PrintablePaths.printable(path), choice.label());
        try {
            engine.start(id, false, Trigger.CONFLICT_RESOLVE);
        } catch (FileSyncException e) {
            LOG.info(
                    "Conduit {}: the decision at {} waits for the next run ({})",
                    id,
                    PrintablePaths.printable(path),
                    e.getMessage());
        }
        return resolved;
    }

    /** Stops indexing an endpoint that is a location of its own, once no conduit uses anything inside it. */
    private void releaseLocation(Path endpoint) {
        if (index.location(endpoint).isEmpty()) {
            return;
        }
        boolean inUse = store.list().stream()
                .anyMatch(conduit -> conduit.source().startsWith(endpoint)
                        || conduit.target().startsWith(endpoint));
        if (!inUse) {
            index.unregister(endpoint);
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "filesync-sync-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
