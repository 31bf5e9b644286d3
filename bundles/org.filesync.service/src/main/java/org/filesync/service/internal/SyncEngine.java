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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConflictSide;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.Generation;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.api.SyncRefusedException;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexException;
import org.filesync.index.IndexStatus;
import org.filesync.index.LocatedPath;
import org.filesync.jobs.ItemError;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.ConflictDecision;
import org.filesync.resolver.EntryFacts;
import org.filesync.resolver.PlannedConflict;
import org.filesync.store.ConduitStore;
import org.filesync.store.DetectedConflict;
import org.filesync.store.SequenceCheckpoint;
import org.filesync.transfer.TransferService;
import org.filesync.verification.Verification;
import org.filesync.verification.VerificationRequest;
import org.filesync.verification.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs (SPEC section 5): one run per conduit; settle, resolve, check the safety limits,
 * record the generation with its plan, dispatch the copies, and only when every copy succeeded the
 * deletes; then complete the generation and the conduit's statistics. It never copies by itself:
 * the jobs do.
 */
final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    private static final String MIRROR = "mirror";

    private final ConduitStore store;
    private final FileIndex index;
    private final TransferService transfer;
    private final Planner planner;
    private final SyncEvents events;
    private final Verifier verifier;
    private final Duration settleTimeout;
    private final Duration verificationTimeout;
    private final Executor executor;

    /** Conduits with a run from the moment it is claimed (before settling) until it has ended. */
    private final ConcurrentMap<Long, Optional<SyncRun>> runs = new ConcurrentHashMap<>();

    SyncEngine(
            ConduitStore store,
            FileIndex index,
            TransferService transfer,
            Planner planner,
            SyncEvents events,
            Verifier verifier,
            Duration settleTimeout,
            Duration verificationTimeout,
            Executor executor) {
        this.store = store;
        this.index = index;
        this.transfer = transfer;
        this.planner = planner;
        this.events = events;
        this.verifier = verifier;
        this.settleTimeout = settleTimeout;
        this.verificationTimeout = verificationTimeout;
        this.executor = executor;
    }

    SyncHandle start(long conduitId, boolean force) {
        return start(conduitId, force, false);
    }

    private SyncRun start(long conduitId, boolean force, boolean retry) {
        Conduit conduit = store.get(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        if (!conduit.options().enabled()) {
            throw new SyncRefusedException("Conduit " + conduitId
                    + " is disabled: enable it with filesync:conduit-update --enabled true " + conduitId);
        }
        if (runs.putIfAbsent(conduitId, Optional.empty()) != null) {
            long generation = runs.getOrDefault(conduitId, Optional.empty())
                    .map(SyncRun::generation)
                    .orElse(0L);
            throw new SyncRefusedException("Conduit " + conduitId + " is already syncing"
                    + (generation > 0 ? " (generation " + generation + ")" : ""));
        }
        try {
            long resolutionStart = System.nanoTime();
            ResolvedRun resolved = resolveSettled(conduit, force);
            long resolvedAt = System.nanoTime();
            SafetyLimits.check(conduit, resolved, force);
            // Before any change, so that a completed run always leaves its markers (even if killed right after).
            markEndpoints(conduit);
            Generation generation = store.startGeneration(conduitId, Instant.now(), resolved.lines());
            SyncRun run = new SyncRun(conduitId, generation, resolved, resolutionStart, retry);
            run.stepDone("resolved", resolvedAt);
            runs.put(conduitId, Optional.of(run));
            events.started(conduit, generation.number());
            recordConflicts(conduit, generation.number(), resolved);
            run.stepDone("generation and plan stored");
            LOG.info(
                    "Conduit {} generation {}: {} operations, {} bytes",
                    conduitId,
                    generation.number(),
                    resolved.summary().operations().size(),
                    resolved.summary().bytes());
            dispatchCopies(conduit, run);
            return run;
        } catch (RuntimeException e) {
            runs.remove(conduitId);
            throw e;
        }
    }

    SyncPlan dryRun(long conduitId) {
        Conduit conduit = store.get(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        return resolveSettled(conduit, false).summary();
    }

    /** Whether a run of the conduit is between its claim and its end. */
    boolean isRunning(long conduitId) {
        return runs.containsKey(conduitId);
    }

    List<SyncProgress> active() {
        List<SyncProgress> active = new ArrayList<>();
        runs.values().forEach(run -> run.ifPresent(r -> active.add(r.progress())));
        active.sort((a, b) -> Long.compare(a.conduitId(), b.conduitId()));
        return active;
    }

    /** Checks both endpoints, waits until the index of both has settled, and resolves the plan. */
    private ResolvedRun resolveSettled(Conduit conduit, boolean force) {
        requireDirectory("Source", conduit.source());
        requireDirectory("Target", conduit.target());
        EndpointMarkers.check(conduit, force);
        awaitSettled(conduit.source());
        awaitSettled(conduit.target());
        ResolvedRun resolved = planner.resolve(conduit);
        // An end taken away while the index settled must not be planned from as if it were empty.
        requireDirectory("Source", conduit.source());
        requireDirectory("Target", conduit.target());
        return resolved;
    }

    private static void requireDirectory(String role, Path endpoint) {
        if (!Files.isDirectory(endpoint, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(endpoint)) {
            throw new SyncRefusedException(role + " " + endpoint
                    + " is missing, unreadable or not a directory: refusing to sync (a missing endpoint is never"
                    + " treated as empty)");
        }
    }

    private void awaitSettled(Path endpoint) {
        LocatedPath located = index.locate(endpoint)
                .orElseThrow(() -> new SyncRefusedException(endpoint + " is not indexed: register it with the index"));
        try {
            IndexStatus status = index.awaitSettled(located.location().root(), settleTimeout);
            if (!status.settled()) {
                throw new SyncRefusedException(
                        "The index did not settle within " + settleTimeout.toSeconds() + "s: " + status.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncRefusedException("Interrupted while waiting for the index of " + endpoint + " to settle");
        }
    }

    /**
     * Conflict copies first (a loser kept beside itself), then displacements (entries in the way of
     * a copy), then the copies.
     */
    private void dispatchCopies(Conduit conduit, SyncRun run) {
        run.phase(Generation.Phase.COPYING);
        String label = Long.toString(run.generation());
        List<JobHandle> preservations = dispatch(run, run.resolved().preservations(label), transfer::copy);
        whenAllEnded(preservations)
                .thenAcceptAsync(
                        preserved -> {
                            List<String> errors = errorsOf(preserved);
                            if (!errors.isEmpty()) {
                                errors.add(
                                        0, "copies and deletes skipped: " + errors.size() + " conflict copy error(s)");
                                finish(conduit, run, preserved, List.of(), errors);
                                return;
                            }
                            dispatchDisplacements(conduit, run, label, preserved);
                        },
                        executor)
                .exceptionally(error -> fail(conduit, run, error));
    }

    private void dispatchDisplacements(Conduit conduit, SyncRun run, String label, List<JobStatus> preserved) {
        List<JobHandle> displacements = dispatch(run, run.resolved().displacements(label), transfer::delete);
        whenAllEnded(displacements)
                .thenAcceptAsync(
                        displaced -> {
                            List<String> errors = errorsOf(displaced);
                            if (!errors.isEmpty()) {
                                errors.add(
                                        0, "copies and deletes skipped: " + errors.size() + " displacement error(s)");
                                finish(conduit, run, preserved, List.of(), errors);
                                return;
                            }
                            List<JobHandle> copies =
                                    dispatch(run, run.resolved().copies(label), transfer::copy);
                            whenAllEnded(copies)
                                    .thenAcceptAsync(
                                            ended -> afterCopies(conduit, run, concat(preserved, ended)), executor)
                                    .exceptionally(error -> fail(conduit, run, error));
                        },
                        executor)
                .exceptionally(error -> fail(conduit, run, error));
    }

    private void afterCopies(Conduit conduit, SyncRun run, List<JobStatus> copies) {
        run.stepDone("copies");
        List<String> errors = errorsOf(copies);
        errors.addAll(run.resolved().skipped());
        if (!errors.isEmpty()) {
            errors.add(0, "deletes skipped: " + errors.size() + " path(s) not synced");
            finish(conduit, run, copies, List.of(), errors);
            return;
        }
        if (!copies.isEmpty()) {
            applyEventsNow(conduit);
        }
        run.phase(Generation.Phase.DELETING);
        events.progress(conduit, run.progress());
        List<JobHandle> deletes =
                dispatch(run, run.resolved().deletes(Long.toString(run.generation())), transfer::delete);
        whenAllEnded(deletes)
                .thenAcceptAsync(
                        ended -> {
                            run.stepDone("deletes");
                            finish(conduit, run, copies, ended, errorsOf(ended));
                        },
                        executor)
                .exceptionally(error -> fail(conduit, run, error));
    }

    /**
     * The copies are complete: the index applies their file events now, while the deletes run,
     * instead of at the end of its debounce window, when the verification would wait for them.
     */
    private void applyEventsNow(Conduit conduit) {
        for (Path endpoint : List.of(conduit.source(), conduit.target())) {
            try {
                Optional<LocatedPath> located = index.locate(endpoint);
                if (located.isPresent()) {
                    index.flushEvents(located.get().location().root());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IndexException e) {
                LOG.debug(
                        "Conduit {}: the events of {} wait for their debounce: {}",
                        conduit.id(),
                        endpoint,
                        e.getMessage());
            }
        }
    }

    private static List<JobStatus> concat(List<JobStatus> first, List<JobStatus> second) {
        List<JobStatus> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * Queues the conflicts of a generation's plan (pending ones once per path), all in one
     * transaction, and announces them.
     */
    private void recordConflicts(Conduit conduit, long generation, ResolvedRun resolved) {
        List<DetectedConflict> detected = new ArrayList<>();
        for (PlannedConflict planned : resolved.conflicts()) {
            ConflictDecision decision = planned.decision();
            detected.add(new DetectedConflict(
                    planned.path(),
                    planned.conflict().type().label(),
                    planned.conflict().source().map(SyncEngine::side),
                    planned.conflict().target().map(SyncEngine::side),
                    decision.isPending() ? Optional.empty() : Optional.of(decision.describe()),
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

    private static ConflictSide side(EntryFacts facts) {
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

    private void finish(
            Conduit conduit, SyncRun run, List<JobStatus> copies, List<JobStatus> deletes, List<String> errors) {
        Set<String> failedItems = new HashSet<>();
        for (JobStatus job : copies) {
            job.result().ifPresent(result -> result.errors().forEach(error -> failedItems.add(error.item())));
        }
        long copied = copies.stream().anyMatch(job -> job.result().isEmpty())
                ? 0
                : run.resolved().contentTargets().stream()
                        .filter(target -> !failedItems.contains(target.toString()))
                        .count();
        long deleted = deletes.stream()
                .map(JobStatus::result)
                .flatMap(Optional::stream)
                .mapToLong(JobResult::itemsSucceeded)
                .sum();
        long bytes = copies.stream()
                .map(JobStatus::result)
                .flatMap(Optional::stream)
                .mapToLong(JobResult::bytes)
                .sum();
        Generation.Phase phase = errors.isEmpty() ? Generation.Phase.COMPLETED : Generation.Phase.FAILED;
        Instant now = Instant.now();
        Generation started = run.startedGeneration();
        Generation done = new Generation(
                started.conduitId(),
                started.number(),
                started.started(),
                Optional.of(now),
                phase,
                copied,
                deleted,
                run.plan().conflicts(),
                bytes,
                errors,
                started.verification(),
                Optional.empty());
        Generation result = done;
        try {
            if (phase == Generation.Phase.COMPLETED) {
                store.recordCompletedRun(conduit.id(), now, copied + deleted, bytes);
                result = verify(conduit, run, done);
                events.completed(conduit, result);
            } else {
                store.saveGeneration(done);
                recordWhatSynced(conduit, run);
                String reason = done.failureReason();
                store.recordError(conduit.id(), "generation " + started.number() + ": " + reason);
                events.failed(conduit, done.number(), reason);
            }
        } finally {
            end(conduit, run, result);
        }
        LOG.info(
                "Conduit {} generation {} {} ({}): {} copied, {} deleted, {} bytes, {} errors",
                conduit.id(),
                result.number(),
                result.phase(),
                result.verification(),
                copied,
                deleted,
                bytes,
                errors.size());
        LOG.debug("Conduit {} generation {} steps: {}", conduit.id(), result.number(), run.steps());
    }

    private static void markEndpoints(Conduit conduit) {
        try {
            EndpointMarkers.mark(conduit);
        } catch (IOException e) {
            LOG.warn("Conduit {}: could not leave its endpoint markers: {}", conduit.id(), e.toString());
        }
    }

    /**
     * Trust Watcher (SPEC section 5, step 8): the index rescans what the run touched, settles, and the
     * resolver must find nothing left to do; a verified state becomes the conduit's checkpoint.
     */
    private Generation verify(Conduit conduit, SyncRun run, Generation done) {
        run.phase(Generation.Phase.VERIFYING);
        store.saveGeneration(with(done, Generation.Phase.VERIFYING, Generation.WAITING_WATCHER, Optional.empty()));
        Verification verification = verifyAgainstBaseline(
                conduit,
                run,
                step -> store.saveGeneration(with(done, Generation.Phase.VERIFYING, step, Optional.empty())));
        run.stepDone("verification");
        StoredBaseline.apply(store, conduit.id(), verification.baselineUpdates());
        store.markDecisionsApplied(conduit.id(), run.resolved().decisions());
        verification
                .checkpoint()
                .ifPresent(agreed -> store.saveCheckpoint(
                        conduit.id(), new SequenceCheckpoint(agreed.sourceSequence(), agreed.targetSequence())));
        Generation verified = store.saveGeneration(
                with(done, Generation.Phase.COMPLETED, verification.status(), Optional.of(verification.at())));
        events.verified(conduit, verified);
        run.stepDone("baseline, checkpoint and generation saved");
        return verified;
    }

    /**
     * Verifies against the baseline as it was before the generation (its updates are stored after),
     * on a reader open for the length of the verification.
     */
    private Verification verifyAgainstBaseline(Conduit conduit, SyncRun run, Consumer<String> steps) {
        try (StoredBaseline baseline = StoredBaseline.open(store, conduit.id())) {
            VerificationRequest request = new VerificationRequest(
                    Long.toString(conduit.id()),
                    conduit.source(),
                    conduit.target(),
                    conduit.options().mode(),
                    store.checkpoint(conduit.id())
                            .map(agreed -> new Checkpoint(agreed.sourceSequence(), agreed.targetSequence())),
                    run.resolved().touched(),
                    verificationTimeout,
                    baseline,
                    conduit.options().conflictStrategy());
            return verifier.verify(request, steps);
        }
    }

    /**
     * A generation that failed part-way still records, in the baseline, the paths it did sync, so
     * that the next run neither copies them again nor takes them for conflicts: the touched paths
     * are rescanned and the conduit resolved again, as a verification would, and the ends' agreed
     * paths are stored. Mirror keeps no baseline, so its failed runs skip this.
     */
    private void recordWhatSynced(Conduit conduit, SyncRun run) {
        if (MIRROR.equals(conduit.options().mode()) || run.resolved().touched().isEmpty()) {
            return;
        }
        Verification verification = verifyAgainstBaseline(
                conduit, run, step -> LOG.debug("Conduit {}: recording what synced: {}", conduit.id(), step));
        StoredBaseline.apply(store, conduit.id(), verification.baselineUpdates());
    }

    private static Generation with(
            Generation generation, Generation.Phase phase, String verification, Optional<Instant> verifiedAt) {
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
                verifiedAt);
    }

    /**
     * Removes the run from the active set; if its verification found paths still differing and the
     * conduit asks for it, starts the one retry generation; then completes the handle.
     */
    private void end(Conduit conduit, SyncRun run, Generation result) {
        runs.remove(conduit.id());
        boolean stillDiffers =
                result.verificationFailed() && !result.verification().startsWith("failed:timeout");
        if (stillDiffers && conduit.options().verifyRetry() && !run.isRetry()) {
            try {
                SyncRun retry = start(conduit.id(), false, true);
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

    /** Ends a run whose monitoring itself failed: the generation is failed, the run removed. */
    private Void fail(Conduit conduit, SyncRun run, Throwable error) {
        LOG.error("Conduit {} generation {} failed", conduit.id(), run.generation(), error);
        try {
            finish(conduit, run, List.of(), List.of(), new ArrayList<>(List.of("internal error: " + error)));
        } catch (RuntimeException e) {
            LOG.error("Could not record the failure of conduit {} generation {}", conduit.id(), run.generation(), e);
            runs.remove(conduit.id());
        }
        return null;
    }

    private static CompletableFuture<List<JobStatus>> whenAllEnded(List<JobHandle> jobs) {
        List<CompletableFuture<JobStatus>> futures =
                jobs.stream().map(job -> job.completion().toCompletableFuture()).toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(
                        ignored -> futures.stream().map(CompletableFuture::join).toList());
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
