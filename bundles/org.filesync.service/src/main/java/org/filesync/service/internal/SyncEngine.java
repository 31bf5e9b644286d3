package org.filesync.service.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConflictSide;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.Generation;
import org.filesync.api.Generation.Phase;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.SyncRefusedException.Reason;
import org.filesync.api.Trigger;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexException;
import org.filesync.index.IndexStatus;
import org.filesync.index.LocatedPath;
import org.filesync.jobs.ItemError;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;
import org.filesync.resolver.EntryFacts;
import org.filesync.resolver.ModeUnavailableException;
import org.filesync.resolver.PlannedConflict;
import org.filesync.resolver.Resolver;
import org.filesync.store.ConduitStore;
import org.filesync.store.DetectedConflict;
import org.filesync.store.SequenceCheckpoint;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.TransferService;
import org.filesync.verification.Verification;
import org.filesync.verification.VerificationRequest;
import org.filesync.verification.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs (docs/run.md): one run per conduit from the moment it is requested. The caller's
 * thread settles, resolves, checks the safety limits and records the generation with its plan,
 * so that a refusal reaches it as an exception; one thread of the executor then carries the run
 * through its jobs — conflict copies, displacements, copies, and only when every copy succeeded
 * the deletes — verifies it and saves what it agreed. Every phase change goes through {@link
 * SyncRun#advance}. It never copies by itself: the jobs do.
 */
final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    /** The activity of a run while it settles. */
    static final String SETTLING = "waiting for the index of both ends";

    private final ConduitStore store;
    private final FileIndex index;
    private final TransferService transfer;
    private final Planner planner;
    private final RunRequests requests;
    private final Resolver resolver;
    private final SyncEvents events;
    private final Verifier verifier;
    private final Executor executor;
    private final CompletionStage<?> recovered;
    /** Failed generations whose failure could not be recorded yet, by conduit. */
    private final Map<Long, Generation> unrecordedFailures = new ConcurrentHashMap<>();

    private volatile Duration settleTimeout;
    private volatile Duration verificationTimeout;

    /** Each conduit's run, from its request until it has ended. */
    private final ConcurrentMap<Long, SyncRun> runs = new ConcurrentHashMap<>();

    /**
     * @param recovered completes once the state a previous container left has been recovered; no
     *     run starts before
     */
    SyncEngine(
            ConduitStore store,
            FileIndex index,
            TransferService transfer,
            Planner planner,
            RunRequests requests,
            Resolver resolver,
            SyncEvents events,
            Verifier verifier,
            Executor executor,
            CompletionStage<?> recovered) {
        this.store = store;
        this.index = index;
        this.transfer = transfer;
        this.planner = planner;
        this.requests = requests;
        this.resolver = resolver;
        this.events = events;
        this.verifier = verifier;
        this.executor = executor;
        this.recovered = recovered;
        configure(Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /** Sets the timeouts; a run already under way keeps the ones it started its wait with. */
    void configure(Duration settle, Duration verification) {
        this.settleTimeout = settle;
        this.verificationTimeout = verification;
    }

    SyncHandle start(long conduitId, boolean force, Trigger trigger) {
        return start(conduitId, force, trigger, false);
    }

    private SyncRun start(long conduitId, boolean force, Trigger trigger, boolean retry) {
        awaitRecovery();
        Conduit conduit = store.get(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        recordUnrecordedFailure(conduitId);
        requireEnabled(conduit);
        SyncRun run = new SyncRun(conduitId, retry);
        SyncRun running = runs.putIfAbsent(conduitId, run);
        if (running != null) {
            long generation = running.generation();
            throw new SyncRefusedException(
                    Reason.ALREADY_SYNCING,
                    "Conduit " + conduitId + " is already syncing"
                            + (generation > 0 ? " (generation " + generation + ")" : " (" + phaseName(running) + ")"));
        }
        try {
            prepare(conduit, run, force, trigger);
        } catch (RuntimeException e) {
            if (run.startedGeneration() != null) {
                finish(conduit, run, failQuietly(conduit, run, "not started: " + e.getMessage()));
            } else {
                end(run);
                recordRefusal(conduit, e);
            }
            throw e;
        }
        try {
            executor.execute(() -> carryOut(conduit, run));
        } catch (RejectedExecutionException e) {
            Generation failed = fail(conduit, run, List.of("not started: the service is stopping"));
            finish(conduit, run, failed);
            throw new SyncRefusedException("The filesync service is stopping: generation " + run.generation()
                    + " of conduit " + conduitId + " did not start");
        }
        return run;
    }

    /**
     * A run refused by a check of the conduit's ends or its plan (a missing or unmarked endpoint, an
     * index that did not settle, the max-delete limit, an absent plug-in) is the conduit's last error
     * until a run completes, so that {@code conduit-show} tells why nothing synced.
     */
    private void recordRefusal(Conduit conduit, RuntimeException refusal) {
        if (!(refusal instanceof SyncRefusedException)) {
            return;
        }
        try {
            store.recordError(conduit.id(), "refused: " + refusal.getMessage());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Conduit {}: could not record the refusal ({}): {}",
                    conduit.id(),
                    refusal.getMessage(),
                    e.toString());
        }
        LOG.info("Conduit {}: run refused: {}", conduit.id(), refusal.getMessage());
    }

    private static String phaseName(SyncRun run) {
        return run.phase().name().toLowerCase(Locale.ROOT);
    }

    private static void requireEnabled(Conduit conduit) {
        if (!conduit.options().enabled()) {
            throw new SyncRefusedException(
                    Reason.DISABLED,
                    "Conduit " + conduit.id() + " is disabled: enable it with filesync:conduit-update --enabled true "
                            + conduit.id());
        }
    }

    /** Settles, resolves, checks, records the generation: the run is {@link Phase#PLANNED}. */
    private void prepare(Conduit conduit, SyncRun run, boolean force, Trigger trigger) {
        run.activity(SETTLING);
        awaitSettledEnds(conduit, force);
        run.advance(Phase.RESOLVING);
        ResolvedRun resolved = resolve(conduit);
        run.stepDone("resolved");
        SafetyLimits.check(conduit, resolved, force);
        // Before any change, so that a completed run always leaves its markers (even if killed right after).
        markEndpoints(conduit);
        Generation generation = store.startGeneration(conduit.id(), Instant.now(), resolved.lines(), trigger);
        run.planned(resolved, generation);
        events.started(conduit, generation.number(), trigger);
        recordConflicts(conduit, generation.number(), resolved);
        run.stepDone("generation and plan stored");
        LOG.info(
                "Conduit {} generation {}: {} operations, {} bytes",
                conduit.id(),
                generation.number(),
                resolved.summary().operations().size(),
                resolved.summary().bytes());
    }

    /**
     * The plan a run would carry out now, refused by every check a run would be refused by (disabled,
     * an endpoint missing or unmarked, the index not settled, the max-delete limit) with the same
     * message; stores nothing, and a refusal is not the conduit's last error.
     */
    SyncPlan dryRun(long conduitId, boolean force) {
        awaitRecovery();
        Conduit conduit = store.get(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        requireEnabled(conduit);
        awaitSettledEnds(conduit, force);
        ResolvedRun resolved = resolve(conduit);
        SafetyLimits.check(conduit, resolved, force);
        return resolved.summary();
    }

    /** Whether a run of the conduit is between its request and its end. */
    boolean isRunning(long conduitId) {
        return runs.containsKey(conduitId);
    }

    List<SyncProgress> active() {
        List<SyncProgress> active = new ArrayList<>();
        runs.values().forEach(run -> active.add(run.progress()));
        active.sort((a, b) -> Long.compare(a.conduitId(), b.conduitId()));
        return active;
    }

    private void awaitRecovery() {
        try {
            recovered.toCompletableFuture().get(settleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncRefusedException("Interrupted while the service recovers the previous container's runs");
        } catch (TimeoutException e) {
            throw new SyncRefusedException("The service is still recovering the previous container's runs: try again");
        } catch (ExecutionException e) {
            // Recovery logs its own failure; a run that follows it is still safe (docs/guarantees.md).
        }
    }

    /** Checks both endpoints and waits until the index of both has settled. */
    private void awaitSettledEnds(Conduit conduit, boolean force) {
        requireDirectory("Source", conduit.source());
        requireDirectory("Target", conduit.target());
        EndpointMarkers.check(conduit, force);
        awaitSettled(conduit.source());
        awaitSettled(conduit.target());
    }

    private ResolvedRun resolve(Conduit conduit) {
        requireDeleteStrategy(conduit);
        ResolvedRun resolved = planner.resolve(conduit);
        // An end taken away while the index settled must not be planned from as if it were empty.
        requireDirectory("Source", conduit.source());
        requireDirectory("Target", conduit.target());
        return resolved;
    }

    /**
     * Refuses a conduit whose delete strategy is not registered now, whether or not its plan would
     * delete: every copy that replaces a file keeps the old one through it too.
     */
    private void requireDeleteStrategy(Conduit conduit) {
        String strategy = conduit.options().deleteStrategy();
        if (!transfer.deleteStrategies().contains(strategy)) {
            throw new SyncRefusedException("No delete strategy '" + strategy + "' is available: conduit " + conduit.id()
                    + " cannot sync until it is");
        }
    }

    private static void requireDirectory(String role, Path endpoint) {
        if (!Files.isDirectory(endpoint, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(endpoint)) {
            throw new SyncRefusedException(
                    Reason.ENDPOINT_MISSING,
                    role + " " + endpoint
                            + " is missing, unreadable or not a directory: refusing to sync (a missing endpoint is never"
                            + " treated as empty)");
        }
    }

    private void awaitSettled(Path endpoint) {
        LocatedPath located = index.locate(endpoint)
                .orElseThrow(() -> new SyncRefusedException(endpoint + " is not indexed: register it with the index"));
        Duration timeout = settleTimeout;
        try {
            IndexStatus status = index.awaitSettled(located.location().root(), timeout);
            if (!status.settled()) {
                throw new SyncRefusedException(
                        Reason.NOT_SETTLED,
                        "The index did not settle within " + timeout.toSeconds() + "s: " + status.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncRefusedException("Interrupted while waiting for the index of " + endpoint + " to settle");
        }
    }

    /**
     * The run on its own thread: the jobs in order, each stage only once the one before ended
     * without an error, then verification; whatever happens, the run ends with a generation.
     */
    private void carryOut(Conduit conduit, SyncRun run) {
        Generation result;
        try {
            result = jobsThenVerification(conduit, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = failQuietly(conduit, run, "interrupted: the filesync service stopped during the run");
        } catch (RuntimeException | Error e) {
            LOG.error("Conduit {} generation {} failed", conduit.id(), run.generation(), e);
            result = failQuietly(conduit, run, "internal error: " + e);
        }
        finish(conduit, run, result);
    }

    private Generation jobsThenVerification(Conduit conduit, SyncRun run) throws InterruptedException {
        ResolvedRun plan = run.resolved();
        String label = Long.toString(run.generation());
        run.advance(Phase.COPYING);
        // Conflict copies first (a loser kept beside itself), then displacements (entries in the way
        // of a copy, with everything under them), then the copies.
        List<JobStatus> preserved = runCopies(run, plan.preservations(label));
        List<String> errors = errorsOf(preserved);
        if (!errors.isEmpty()) {
            return fail(conduit, run, prefixed("copies and deletes skipped: %d conflict copy error(s)", errors));
        }
        errors = errorsOf(awaitAll(dispatch(run, plan.displacements(label), transfer::delete)));
        if (!errors.isEmpty()) {
            return fail(conduit, run, prefixed("copies and deletes skipped: %d displacement error(s)", errors));
        }
        List<JobStatus> copies = runCopies(run, plan.copies(label));
        run.stepDone("copies");
        errors = errorsOf(copies);
        errors.addAll(plan.skipped());
        if (!errors.isEmpty()) {
            return fail(conduit, run, prefixed("deletes skipped: %d path(s) not synced", errors));
        }
        if (!copies.isEmpty()) {
            applyEventsNow(conduit);
        }
        run.advance(Phase.DELETING);
        events.progress(conduit, run.progress());
        List<JobStatus> deletes = awaitAll(dispatch(run, plan.deletes(label), transfer::delete));
        run.counted(
                0,
                deletes.stream()
                        .map(JobStatus::result)
                        .flatMap(Optional::stream)
                        .mapToLong(JobResult::itemsSucceeded)
                        .sum(),
                0);
        run.stepDone("deletes");
        errors = errorsOf(deletes);
        if (!errors.isEmpty()) {
            return fail(conduit, run, errors);
        }
        return verifyAndSave(conduit, run);
    }

    /**
     * Dispatches copy requests and waits for them; counts as copied the content targets of the
     * jobs that ended with a result, less the items that failed.
     */
    private List<JobStatus> runCopies(SyncRun run, List<CopyRequest> requests) throws InterruptedException {
        List<JobHandle> jobs = dispatch(run, requests, transfer::copy);
        List<JobStatus> ended = awaitAll(jobs);
        Set<Path> contentTargets = run.contentTargets();
        long copied = 0;
        long bytes = 0;
        for (int i = 0; i < ended.size(); i++) {
            Optional<JobResult> result = ended.get(i).result();
            if (result.isEmpty()) {
                continue;
            }
            Set<String> failed = new HashSet<>();
            result.get().errors().forEach(error -> failed.add(error.item()));
            for (CopyItem item : requests.get(i).items()) {
                if (contentTargets.contains(item.target())
                        && !failed.contains(item.target().toString())) {
                    copied++;
                }
            }
            bytes += result.get().bytes();
        }
        run.counted(copied, 0, bytes);
        return ended;
    }

    /**
     * The copies are complete: the index applies their file events now, while the deletes run,
     * instead of at the end of its debounce window, when the verification would wait for them.
     */
    private void applyEventsNow(Conduit conduit) throws InterruptedException {
        for (Path endpoint : List.of(conduit.source(), conduit.target())) {
            try {
                Optional<LocatedPath> located = index.locate(endpoint);
                if (located.isPresent()) {
                    index.flushEvents(located.get().location().root());
                }
            } catch (IndexException e) {
                LOG.debug(
                        "Conduit {}: the events of {} wait for their debounce: {}",
                        conduit.id(),
                        endpoint,
                        e.getMessage());
            }
        }
    }

    /**
     * Trust Watcher (docs/run-phases.md, step 6): the index rescans what the run touched, settles, and the
     * resolver must find nothing left to do; then the run saves what both ends agreed on, and a
     * verified state becomes the conduit's checkpoint.
     */
    private Generation verifyAndSave(Conduit conduit, SyncRun run) {
        Generation done = run.generationNow(Phase.COMPLETED, List.of());
        store.recordCompletedRun(
                conduit.id(), done.completed().orElseThrow(), done.filesCopied() + done.filesDeleted(), done.bytes());
        run.advance(Phase.VERIFYING);
        store.saveGeneration(with(done, Phase.VERIFYING, Generation.WAITING_WATCHER, Optional.empty()));
        Verification verification = verifyAgainstBaseline(
                conduit,
                run,
                step -> store.saveGeneration(with(done, Phase.VERIFYING, step, Optional.empty())),
                activity -> {
                    run.activity(activity);
                    events.progress(conduit, run.progress());
                });
        run.stepDone("verification");
        run.advance(Phase.SAVING);
        StoredBaseline.apply(store, conduit.id(), verification.baselineUpdates());
        store.markDecisionsApplied(conduit.id(), run.resolved().decisions());
        verification
                .checkpoint()
                .ifPresent(agreed -> store.saveCheckpoint(
                        conduit.id(),
                        new SequenceCheckpoint(
                                agreed.sourceSequence(),
                                agreed.targetSequence(),
                                new IgnoreRules(conduit.options().ignores()).fingerprint())));
        Generation verified = store.saveGeneration(
                with(done, Phase.COMPLETED, verification.status(), Optional.of(verification.at())));
        events.verified(conduit, verified);
        events.completed(conduit, verified);
        run.stepDone("baseline, checkpoint and generation saved");
        return verified;
    }

    /**
     * Verifies against the baseline as it was before the generation (its updates are stored after),
     * on a reader open for the length of the verification, with the request the run was planned by.
     */
    private Verification verifyAgainstBaseline(
            Conduit conduit, SyncRun run, Consumer<String> steps, Consumer<String> activities) {
        try (StoredBaseline baseline = StoredBaseline.open(store, conduit.id())) {
            VerificationRequest request = new VerificationRequest(
                    requests.of(conduit, baseline), run.resolved().touched(), verificationTimeout);
            return verifier.verify(request, steps, activities);
        }
    }

    /**
     * Fails the run's generation with its errors. A generation that failed part-way still records,
     * in the baseline of a mode that keeps one, the paths it did sync, so that the next run neither
     * copies them again nor takes them for conflicts: the touched paths are rescanned and the
     * conduit resolved again, as a verification would, and the ends' agreed paths are stored.
     */
    private Generation fail(Conduit conduit, SyncRun run, List<String> errors) {
        Generation failed = store.saveGeneration(run.generationNow(Phase.FAILED, errors));
        if (keepsBaseline(conduit) && !run.resolved().touched().isEmpty()) {
            Verification verification = verifyAgainstBaseline(
                    conduit,
                    run,
                    step -> LOG.debug("Conduit {}: recording what synced: {}", conduit.id(), step),
                    run::activity);
            StoredBaseline.apply(store, conduit.id(), verification.baselineUpdates());
        }
        String reason = failed.failureReason();
        store.recordError(conduit.id(), "generation " + failed.number() + ": " + reason);
        events.failed(conduit, failed.number(), reason);
        return failed;
    }

    private boolean keepsBaseline(Conduit conduit) {
        try {
            return resolver.keepsBaseline(conduit.options().mode());
        } catch (ModeUnavailableException e) {
            return false; // the next run is refused until the mode is back, and reads both ends in full
        }
    }

    /**
     * Fails the generation even when recording the failure itself fails (the database is
     * unreachable): the failed generation is then kept here and recorded before the conduit's next
     * run starts, so that the history does not show it running for ever.
     */
    private Generation failQuietly(Conduit conduit, SyncRun run, String error) {
        try {
            return fail(conduit, run, List.of(error));
        } catch (RuntimeException e) {
            LOG.error("Could not record the failure of conduit {} generation {}", conduit.id(), run.generation(), e);
            Generation failed = run.generationNow(Phase.FAILED, List.of(error));
            if (run.startedGeneration() != null) {
                unrecordedFailures.put(conduit.id(), failed);
            }
            return failed;
        }
    }

    /** Records the failure {@link #failQuietly} could not; a run is refused while that fails. */
    private void recordUnrecordedFailure(long conduitId) {
        Generation failed = unrecordedFailures.get(conduitId);
        if (failed != null) {
            store.saveGeneration(failed);
            store.recordError(conduitId, "generation " + failed.number() + ": " + failed.failureReason());
            unrecordedFailures.remove(conduitId, failed);
            LOG.info("Conduit {} generation {}: its failure recorded late", conduitId, failed.number());
        }
    }

    private static List<String> prefixed(String format, List<String> errors) {
        List<String> all = new ArrayList<>(errors.size() + 1);
        all.add(String.format(Locale.ROOT, format, errors.size()));
        all.addAll(errors);
        return all;
    }

    /**
     * Removes the run from the active set; if its verification found paths still differing and the
     * conduit asks for it, starts the one retry generation; then completes the handle.
     */
    private void finish(Conduit conduit, SyncRun run, Generation result) {
        LOG.info(
                "Conduit {} generation {} {} ({}): {} copied, {} deleted, {} bytes, {} errors",
                conduit.id(),
                result.number(),
                result.phase(),
                result.verification(),
                result.filesCopied(),
                result.filesDeleted(),
                result.bytes(),
                result.errors().size());
        LOG.debug("Conduit {} generation {} steps: {}", conduit.id(), result.number(), run.steps());
        runs.remove(conduit.id(), run);
        boolean stillDiffers =
                result.verificationFailed() && !result.verification().startsWith("failed:timeout");
        if (stillDiffers && conduit.options().verifyRetry() && !run.isRetry()) {
            try {
                SyncRun retry = start(conduit.id(), false, Trigger.RETRY, true);
                LOG.info(
                        "Conduit {}: generation {} retries generation {}",
                        conduit.id(),
                        retry.generation(),
                        result.number());
            } catch (RuntimeException e) {
                LOG.warn(
                        "Conduit {}: the retry of generation {} was refused: {}",
                        conduit.id(),
                        result.number(),
                        e.getMessage());
            }
        }
        run.complete(result);
    }

    /** Ends a run refused before it had a generation. */
    private void end(SyncRun run) {
        runs.remove(run.conduitId(), run);
        run.refused();
    }

    private static void markEndpoints(Conduit conduit) {
        try {
            EndpointMarkers.mark(conduit);
        } catch (IOException e) {
            LOG.warn("Conduit {}: could not leave its endpoint markers: {}", conduit.id(), e.toString());
        }
    }

    /**
     * Queues the conflicts of a generation's plan (pending ones once per path), all in one
     * transaction, and announces them.
     */
    private void recordConflicts(Conduit conduit, long generation, ResolvedRun resolved) {
        List<DetectedConflict> detected = new ArrayList<>();
        for (PlannedConflict planned : resolved.conflicts()) {
            detected.add(new DetectedConflict(
                    planned.path(),
                    planned.conflict().type().label(),
                    planned.conflict().source().map(SyncEngine::side),
                    planned.conflict().target().map(SyncEngine::side),
                    planned.decision().isPending()
                            ? Optional.empty()
                            : Optional.of(planned.decision().describe()),
                    planned.strategy()));
        }
        store.recordConflicts(conduit.id(), generation, detected, Instant.now());
        for (PlannedConflict planned : resolved.conflicts()) {
            events.conflict(FileSyncEvents.CONFLICT_DETECTED, conduit, generation, planned);
            if (!planned.decision().isPending()) {
                events.conflict(FileSyncEvents.CONFLICT_RESOLVED, conduit, generation, planned);
            }
        }
    }

    static ConflictSide side(EntryFacts facts) {
        return new ConflictSide(
                facts.kind().name().toLowerCase(Locale.ROOT),
                facts.size(),
                Instant.EPOCH.plusNanos(facts.mtimeNanos()),
                facts.hash());
    }

    private static <R> List<JobHandle> dispatch(SyncRun run, List<R> requests, Function<R, JobHandle> dispatcher) {
        List<JobHandle> jobs = new ArrayList<>();
        for (R request : requests) {
            JobHandle job = dispatcher.apply(request);
            run.track(job);
            jobs.add(job);
        }
        return jobs;
    }

    /** Waits until every job has ended; their statuses in the same order. */
    private static List<JobStatus> awaitAll(List<JobHandle> jobs) throws InterruptedException {
        List<JobStatus> ended = new ArrayList<>(jobs.size());
        for (JobHandle job : jobs) {
            try {
                ended.add(job.completion().toCompletableFuture().get());
            } catch (ExecutionException e) {
                ended.add(job.status());
            }
        }
        return ended;
    }

    private static Generation with(Generation generation, Phase phase, String verification, Optional<Instant> at) {
        return new Generation(
                generation.conduitId(),
                generation.number(),
                generation.started(),
                generation.completed(),
                phase,
                generation.filesCopied(),
                generation.filesDeleted(),
                generation.conflicts(),
                generation.bytes(),
                generation.errors(),
                verification,
                at,
                generation.ignored(),
                generation.warnings(),
                generation.trigger());
    }

    /** One line per failed item, or per job that failed as a whole. */
    private static List<String> errorsOf(List<JobStatus> jobs) {
        List<String> errors = new ArrayList<>();
        for (JobStatus job : jobs) {
            Optional<JobResult> result = job.result();
            if (result.isPresent() && result.get().hasErrors()) {
                result.get().errors().stream().map(ItemError::toString).forEach(errors::add);
            } else if (job.state() != JobState.COMPLETED) {
                errors.add(job.description() + ": " + job.describe());
            }
        }
        return errors;
    }
}
