package org.filesync.scheduler.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.filesync.api.Conduit;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.FileSyncService;
import org.filesync.api.Generation;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncProgress;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.Trigger;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexListener;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;
import org.filesync.store.ConduitStore;
import org.filesync.store.GenerationStore;
import org.filesync.store.SequenceCheckpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runs of {@code instant} and {@code interval} conduits through {@link
 * FileSyncService#syncNow(long, boolean, Trigger)}, so that every rule of a run applies (docs/schedules.md).
 *
 * <p>All state changes happen on one thread, in order: index changes, sync and conduit events, the
 * ends of the runs it started and its own timer are handed to it. What must survive a restart (next
 * run, failures, hold) is stored with the conduit; what need not (the times of unsynced changes) is
 * found again at start from the index: an instant conduit whose ends moved past the checkpoint of its
 * last verified run syncs soon after.
 *
 * <p>A run's own writes never start another run: the index changes that come while a run is under
 * way are only noted, and once it ends they count only if they are newer than what its verification
 * agreed on (the checkpoint's sequences), which is the case for a user's change the run did not see.
 */
@Component(
        name = ConduitScheduler.PID,
        configurationPid = ConduitScheduler.PID,
        service = EventHandler.class,
        // it has work of its own (catch-up at start, timers): it must not wait for EventAdmin to need it
        immediate = true,
        property = {
            EventConstants.EVENT_TOPIC + "=filesync/conduit/*",
            EventConstants.EVENT_TOPIC + "=" + FileSyncEvents.SYNC_STARTED,
            EventConstants.EVENT_TOPIC + "=" + FileSyncEvents.SYNC_COMPLETED,
            EventConstants.EVENT_TOPIC + "=" + FileSyncEvents.SYNC_FAILED
        })
@Designate(ocd = SchedulerConfig.class)
public final class ConduitScheduler implements IndexListener, EventHandler {

    /** The configuration PID: {@code etc/org.filesync.scheduler.cfg}. */
    static final String PID = "org.filesync.scheduler";

    private static final Logger LOG = LoggerFactory.getLogger(ConduitScheduler.class);

    /** How often the end of a run someone else started is looked for while it is under way. */
    private static final Duration OTHER_RUN_CHECK = Duration.ofSeconds(2);

    private final FileSyncService service;
    private final ConduitStore store;
    private final GenerationStore generations;
    private final FileIndex index;
    private final EventAdmin eventAdmin;
    private final IndexChangeRelay relay;
    /** The scheduler's one thread: every field below is used on it only. */
    private final ScheduledExecutorService clock;
    /** Calls {@code syncNow}, which waits for the index to settle. */
    private final ExecutorService starter;

    private final Map<Long, Tracked> tracked = new HashMap<>();
    private volatile Settings settings;
    private volatile boolean closed;
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    @Activate
    public ConduitScheduler(
            @Reference FileSyncService service,
            @Reference ConduitStore store,
            @Reference GenerationStore generations,
            @Reference FileIndex index,
            @Reference EventAdmin eventAdmin,
            @Reference IndexChangeRelay relay,
            SchedulerConfig config) {
        this.service = service;
        this.store = store;
        this.generations = generations;
        this.index = index;
        this.eventAdmin = eventAdmin;
        this.relay = relay;
        this.settings = Settings.of(config);
        this.clock = Executors.newSingleThreadScheduledExecutor(named("filesync-scheduler"));
        this.starter = Executors.newCachedThreadPool(named("filesync-scheduler-start"));
        onClock(this::loadAll);
        relay.connect(this);
    }

    @Modified
    void modified(SchedulerConfig config) {
        settings = Settings.of(config);
        onClock(this::evaluate);
    }

    /** Stops the timer and the starts under way; no run starts after this returns. */
    @Deactivate
    void deactivate() throws InterruptedException {
        relay.disconnect(this);
        closed = true;
        clock.shutdownNow();
        starter.shutdownNow();
        if (!clock.awaitTermination(10, TimeUnit.SECONDS) || !starter.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("the scheduler's threads did not stop within 10 s");
        }
    }

    // ------------------------------------------------------------------ inputs (any thread)

    @Override
    public void indexChanged(IndexChange change) {
        onClock(() -> changed(change.root(), change.last()));
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(FileSyncEvents.PROPERTY_CONDUIT_ID) instanceof Long id)) {
            return;
        }
        String topic = event.getTopic();
        Object trigger = event.getProperty(FileSyncEvents.PROPERTY_TRIGGER);
        long generation = event.getProperty(FileSyncEvents.PROPERTY_GENERATION) instanceof Long number ? number : 0;
        onClock(() -> {
            switch (topic) {
                case FileSyncEvents.CONDUIT_CREATED -> conduitChanged(id, false);
                case FileSyncEvents.CONDUIT_UPDATED -> conduitChanged(id, true);
                case FileSyncEvents.CONDUIT_DELETED -> tracked.remove(id);
                case FileSyncEvents.SYNC_STARTED -> otherRunStarted(id, generation, String.valueOf(trigger));
                case FileSyncEvents.SYNC_COMPLETED -> otherRunEnded(id, true);
                case FileSyncEvents.SYNC_FAILED -> otherRunEnded(id, false);
                default -> {}
            }
        });
    }

    private void onClock(Runnable task) {
        if (closed) {
            return;
        }
        try {
            clock.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("the scheduler failed a step: {}", e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    // ------------------------------------------------------------------ state (scheduler thread)

    private void loadAll() {
        for (Conduit conduit : service.listConduits()) {
            track(conduit, true);
        }
        service.activeRuns().forEach(run -> {
            Tracked t = tracked.get(run.conduitId());
            if (t != null) {
                t.runStarted(false);
            }
        });
        LOG.info("scheduler started with {} scheduled conduits", tracked.size());
        evaluate();
    }

    /** Follows a conduit with an instant or interval schedule that is enabled; forgets any other. */
    private void track(Conduit conduit, boolean atStart) {
        Schedule.Kind kind = conduit.options().schedule().kind();
        if (kind == Schedule.Kind.MANUAL || !conduit.options().enabled()) {
            tracked.remove(conduit.id());
            return;
        }
        Tracked t = tracked.computeIfAbsent(conduit.id(), id -> new Tracked());
        t.conduit = conduit;
        t.sourceRoot = root(conduit.source());
        t.targetRoot = root(conduit.target());
        t.checkpoint = generations.checkpoint(conduit.id());
        ScheduleState state = conduit.scheduleState();
        Instant now = Instant.now();
        if (state.held() || state.failures() > 0) {
            return; // a hold waits for a person or the endpoint; a retry for its time
        }
        if (kind == Schedule.Kind.INTERVAL) {
            Optional<Instant> next = state.nextRun();
            if (next.isEmpty() || (atStart && next.get().isBefore(now))) {
                save(t, state.withNextRun(Optional.of(now.plus(settings.catchUp()))));
            }
        } else if (behind(t)) {
            t.firstChange = now.minus(conduit.options().schedule().delay()).plus(settings.catchUp());
            t.lastChange = t.firstChange;
        }
    }

    /** A conduit was created or changed: any change of it lifts a hold and starts its schedule afresh. */
    private void conduitChanged(long id, boolean updated) {
        Optional<Conduit> conduit = service.getConduit(id);
        if (conduit.isEmpty()) {
            tracked.remove(id);
            return;
        }
        Conduit c = conduit.get();
        if (updated && !c.scheduleState().equals(ScheduleState.NONE)) {
            boolean wasHeld = c.scheduleState().held();
            c = store.saveScheduleState(id, ScheduleState.NONE);
            if (wasHeld) {
                post(
                        FileSyncEvents.SCHEDULE_RELEASED,
                        c,
                        Map.of(FileSyncEvents.PROPERTY_REASON, "the conduit was changed"));
            }
        }
        track(c, false);
        evaluate();
    }

    private void changed(Path root, long sequence) {
        Instant now = Instant.now();
        boolean any = false;
        for (Tracked t : tracked.values()) {
            if (t.conduit.options().schedule().kind() != Schedule.Kind.INSTANT) {
                continue;
            }
            boolean source = root.equals(t.sourceRoot);
            boolean target = root.equals(t.targetRoot);
            if (!source && !target) {
                continue;
            }
            if (t.running) {
                t.seen(source, target, sequence);
                continue;
            }
            if (t.checkpoint.isPresent() && !t.beyond(t.checkpoint.get(), source, target, sequence)) {
                continue; // agreed already: a late notice of what a run wrote and verified
            }
            if (t.firstChange == null) {
                t.firstChange = now;
                LOG.debug("conduit {}: changes at {}, a run is due", t.conduit.id(), root);
            }
            t.lastChange = now;
            any = true;
        }
        if (any) {
            evaluate();
        }
    }

    /**
     * A run started: events come asynchronously, from the threads that post them, so the start of a
     * run this scheduler started, or of one that has ended already, may come late; those are known by
     * their generation number.
     */
    private void otherRunStarted(long id, long generation, String trigger) {
        Tracked t = tracked.get(id);
        if (t == null || (t.running && t.ours) || generation <= t.endedUpTo) {
            return;
        }
        t.runStarted(false);
        if (Trigger.MANUAL.label().equals(trigger) && t.conduit.scheduleState().held()) {
            release(t, "a person started a sync");
        }
        evaluate(); // looks for the run's end until it has ended (endOtherRuns)
    }

    private void otherRunEnded(long id, boolean completed) {
        Tracked t = tracked.get(id);
        if (t == null || !t.running || t.ours) {
            return; // the end of a run this scheduler started comes with its handle
        }
        runEnded(t, completed, Optional.empty());
        evaluate();
    }

    /** Decides what is due, starts it, and sets the timer for the next due time. */
    private void evaluate() {
        if (closed) {
            return;
        }
        Instant now = Instant.now();
        Instant next = endOtherRuns() ? now.plus(OTHER_RUN_CHECK) : null;
        for (Tracked t : List.copyOf(tracked.values())) {
            if (t.running || t.starting) {
                continue;
            }
            ScheduleState state = t.conduit.scheduleState();
            if (state.held()) {
                if (!state.hold().get().startsWith(ScheduleRules.HOLD_ENDPOINT_MISSING)) {
                    continue;
                }
                if (endpointsPresent(t.conduit)) {
                    release(t, "the endpoint is back");
                    state = t.conduit.scheduleState();
                } else {
                    next = earliest(next, now.plus(settings.endpointCheck()));
                    continue;
                }
            }
            Optional<Instant> due = t.due(state, settings.maxDelay());
            if (due.isEmpty()) {
                continue;
            }
            if (due.get().isAfter(now)) {
                next = earliest(next, due.get());
            } else {
                start(t, state);
            }
        }
        wakeAt(next);
    }

    /**
     * Ends the runs others started that are no longer active, in case their end event came before
     * their start was noted; returns whether some are still under way (to look again soon).
     */
    private boolean endOtherRuns() {
        if (tracked.values().stream().noneMatch(t -> t.running && !t.ours)) {
            return false;
        }
        Set<Long> active =
                service.activeRuns().stream().map(SyncProgress::conduitId).collect(Collectors.toSet());
        boolean under = false;
        for (Tracked t : List.copyOf(tracked.values())) {
            if (t.running && !t.ours) {
                if (active.contains(t.conduit.id())) {
                    under = true;
                } else {
                    runEnded(t, false, Optional.empty());
                }
            }
        }
        return under;
    }

    private void start(Tracked t, ScheduleState state) {
        Conduit conduit = t.conduit;
        Trigger trigger = ScheduleRules.trigger(state, conduit.options().schedule());
        t.firstChange = null;
        t.lastChange = null;
        t.starting = true;
        t.runStarted(true);
        if (state.nextRun().isPresent()) {
            save(t, state.withNextRun(Optional.empty()));
        }
        long id = conduit.id();
        try {
            starter.execute(() -> {
                try {
                    SyncHandle handle = service.syncNow(id, false, trigger);
                    post(
                            FileSyncEvents.SCHEDULE_STARTED,
                            conduit,
                            Map.of(
                                    FileSyncEvents.PROPERTY_TRIGGER, trigger.label(),
                                    FileSyncEvents.PROPERTY_GENERATION, handle.generation()));
                    onClock(() -> started(id, handle.generation()));
                    handle.completion().whenComplete((generation, error) -> onClock(() -> ownRunEnded(id, generation)));
                } catch (SyncRefusedException e) {
                    onClock(() -> refused(id, e));
                } catch (RuntimeException e) {
                    LOG.warn("conduit {}: the scheduled run could not start: {}", id, e.toString());
                    onClock(() -> refused(id, new SyncRefusedException(e.getMessage())));
                }
            });
        } catch (RejectedExecutionException e) {
            t.starting = false; // stopping
        }
    }

    private void started(long id, long generation) {
        Tracked t = tracked.get(id);
        if (t != null) {
            t.starting = false;
            t.endedUpTo = Math.max(t.endedUpTo, generation); // its start event is not another run
        }
    }

    private void refused(long id, SyncRefusedException e) {
        Tracked t = tracked.get(id);
        if (t == null) {
            return;
        }
        t.starting = false;
        t.running = false;
        t.ours = false;
        switch (e.reason()) {
            case ALREADY_SYNCING -> {
                // another run holds the conduit: look again once it has ended (endOtherRuns)
                t.runStarted(false);
                t.firstChange = Instant.now();
                t.lastChange = t.firstChange;
            }
            case DISABLED -> tracked.remove(id);
            default -> {
                if (e.holds()) {
                    hold(t, ScheduleRules.holdLabel(e.reason()) + ": " + e.getMessage());
                } else {
                    failed(t, e.getMessage());
                }
            }
        }
        evaluate();
    }

    private void ownRunEnded(long id, Generation generation) {
        Tracked t = tracked.get(id);
        if (t == null) {
            return;
        }
        t.starting = false;
        if (generation != null) {
            t.endedUpTo = Math.max(t.endedUpTo, generation.number());
        }
        boolean verified = generation != null
                && generation.phase() == Generation.Phase.COMPLETED
                && Generation.VERIFIED.equals(generation.verification());
        runEnded(t, verified, Optional.ofNullable(generation));
        evaluate();
    }

    /** A run ended: counts its outcome if it was scheduled, and looks whether changes came during it. */
    private void runEnded(Tracked t, boolean verified, Optional<Generation> generation) {
        boolean ours = t.ours;
        t.running = false;
        t.ours = false;
        t.checkpoint = generations.checkpoint(t.conduit.id());
        Optional<Conduit> fresh = service.getConduit(t.conduit.id());
        if (fresh.isEmpty()) {
            tracked.remove(t.conduit.id());
            return;
        }
        t.conduit = fresh.get();
        t.endedUpTo = Math.max(t.endedUpTo, t.conduit.currentGeneration());
        ScheduleState state = t.conduit.scheduleState();
        Instant now = Instant.now();
        boolean interval = t.conduit.options().schedule().kind() == Schedule.Kind.INTERVAL;
        if (ours && !verified) {
            failed(
                    t,
                    generation
                            .map(g -> "generation " + g.number() + " ended " + g.verification())
                            .orElse("the run failed"));
        } else {
            ScheduleRules.afterRun(state, t.conduit.options().schedule(), ours, verified, now)
                    .ifPresent(next -> save(t, next));
        }
        if (!interval && t.changedDuringRun()) {
            t.firstChange = now;
            t.lastChange = now;
        }
    }

    private void failed(Tracked t, String why) {
        ScheduleState state = t.conduit.scheduleState();
        int failures = state.failures() + 1;
        Duration wait = settings.backoff(failures);
        LOG.info("conduit {}: scheduled run failed ({}), retry in {}", t.conduit.id(), why, Schedule.shortest(wait));
        save(t, ScheduleRules.afterFailure(state, wait, Instant.now()));
    }

    private void hold(Tracked t, String reason) {
        LOG.info("conduit {}: held: {}", t.conduit.id(), reason);
        save(t, ScheduleRules.held(t.conduit.scheduleState(), reason));
        post(FileSyncEvents.SCHEDULE_HELD, t.conduit, Map.of(FileSyncEvents.PROPERTY_REASON, reason));
    }

    private void release(Tracked t, String why) {
        LOG.info("conduit {}: hold released: {}", t.conduit.id(), why);
        save(t, ScheduleState.NONE);
        post(FileSyncEvents.SCHEDULE_RELEASED, t.conduit, Map.of(FileSyncEvents.PROPERTY_REASON, why));
        track(t.conduit, false);
    }

    private void save(Tracked t, ScheduleState state) {
        try {
            t.conduit = store.saveScheduleState(t.conduit.id(), state);
        } catch (RuntimeException e) {
            LOG.warn("conduit {}: cannot store its schedule state: {}", t.conduit.id(), e.toString());
            tracked.remove(t.conduit.id());
        }
    }

    private void wakeAt(Instant next) {
        if (next == null || closed) {
            return;
        }
        Instant now = Instant.now();
        // a wake still to come, no later than this one, will do (the one running now, which set none, will not)
        if (wake != null && !wake.isDone() && wakeAt != null && wakeAt.isAfter(now) && !wakeAt.isAfter(next)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        long millis = Math.max(0, Duration.between(now, next).toMillis());
        wakeAt = next;
        try {
            wake = clock.schedule(this::evaluate, millis + 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** Whether the ends moved past the last verified agreement (or never had one). */
    private boolean behind(Tracked t) {
        if (t.checkpoint.isEmpty()) {
            return true;
        }
        SequenceCheckpoint agreed = t.checkpoint.get();
        return sequence(t.sourceRoot) > agreed.sourceSequence() || sequence(t.targetRoot) > agreed.targetSequence();
    }

    private long sequence(Path root) {
        return root == null
                ? 0
                : index.location(root).map(IndexedLocation::sequence).orElse(0L);
    }

    private Path root(Path endpoint) {
        return index.locate(endpoint)
                .map(LocatedPath::location)
                .map(IndexedLocation::root)
                .orElse(null);
    }

    private static boolean endpointsPresent(Conduit conduit) {
        return Files.isDirectory(conduit.source()) && Files.isDirectory(conduit.target());
    }

    private void post(String topic, Conduit conduit, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put(FileSyncEvents.PROPERTY_CONDUIT_ID, conduit.id());
        properties.put(FileSyncEvents.PROPERTY_CONDUIT_UUID, conduit.uuid().toString());
        eventAdmin.postEvent(new Event(topic, properties));
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
