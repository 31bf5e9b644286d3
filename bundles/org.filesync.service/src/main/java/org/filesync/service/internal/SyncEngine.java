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
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.Witness;
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
import org.filesync.resolver.Resolver;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.store.DetectedConflict;
import org.filesync.store.SequenceCheckpoint;
import org.filesync.transfer.ContentHash;
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
 * SyncRun#advance}; how a run ends, and what is recorded of a failure, is {@link RunEndings}. It
 * never copies by itself: the jobs do.
 */
final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    /** The activity of a run while it settles. */
    static final String SETTLING = "waiting for the index of both ends";

    private final Stores stores;
    private final FileIndex index;
    private final TransferService transfer;
    private final Planner planner;
    private final RunRequests requests;
    private final SyncEvents events;
    private final Verifier verifier;
    private final Executor executor;
    private final CompletionStage<?> recovered;
    /** How its runs end: failures, what could not be recorded of them, the end of each run. */
    private final RunEndings endings;

    private volatile Duration settleTimeout;
    private volatile Duration verificationTimeout;

    /** Each conduit's run, from its request until it has ended. */
    private final ConcurrentMap<Long, SyncRun> runs = new ConcurrentHashMap<>();

    /**
     * @param recovered completes once the state a previous container left has been recovered; no
     *     run starts before
     */
    SyncEngine(
            Stores stores,
            FileIndex index,
            TransferService transfer,
            Planner planner,
            RunRequests requests,
            Resolver resolver,
            SyncEvents events,
            Verifier verifier,
            Executor executor,
            CompletionStage<?> recovered) {
        this.stores = stores;
        this.index = index;
        this.transfer = transfer;
        this.planner = planner;
        this.requests = requests;
        this.events = events;
        this.verifier = verifier;
        this.executor = executor;
        this.recovered = recovered;
        this.endings = new RunEndings(
                stores,
                events,
                resolver,
                runs,
                this::verifyAgainstBaseline,
                conduitId -> start(conduitId, false, Trigger.RETRY, true));
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
        Conduit conduit = stores.conduits().get(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        endings.recordUnrecordedFailure(conduitId);
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
                endings.finish(conduit, run, endings.failQuietly(conduit, run, "not started: " + e.getMessage()));
            } else {
                endings.end(run);
                endings.recordRefusal(conduit, e);
            }
            throw e;
        }
        try {
            executor.execute(() -> carryOut(conduit, run));
        } catch (RejectedExecutionException e) {
            Generation failed = endings.fail(conduit, run, List.of("not started: the service is stopping"));
            endings.finish(conduit, run, failed);
            throw new SyncRefusedException("The filesync service is stopping: generation " + run.generation()
                    + " of conduit " + conduitId + " did not start");
        }
        return run;
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
        Generation generation =
                stores.generations().startGeneration(conduit.id(), Instant.now(), resolved.lines(), trigger);
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
        Conduit conduit = stores.conduits().get(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
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
            result = endings.failQuietly(conduit, run, "interrupted: the filesync service stopped during the run");
        } catch (RuntimeException | Error e) {
            LOG.error("Conduit {} generation {} failed", conduit.id(), run.generation(), e);
            result = endings.failQuietly(conduit, run, "internal error: " + e);
        }
        endings.finish(conduit, run, result);
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
            return endings.fail(
                    conduit, run, prefixed("copies and deletes skipped: %d conflict copy error(s)", errors));
        }
        errors = errorsOf(awaitAll(dispatch(run, plan.displacements(label), transfer::delete)));
        if (!errors.isEmpty()) {
            return endings.fail(conduit, run, prefixed("copies and deletes skipped: %d displacement error(s)", errors));
        }
        List<JobStatus> copies = runCopies(run, plan.copies(label));
        ResolvedRun.MovesDone moves = plan.movesDone();
        run.moved(moves.moved());
        run.counted(moves.filesCopiedInstead(), 0, 0);
        run.stepDone("copies");
        errors = errorsOf(copies);
        errors.addAll(plan.skipped());
        if (!errors.isEmpty()) {
            return endings.fail(conduit, run, prefixed("deletes skipped: %d path(s) not synced", errors));
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
            return endings.fail(conduit, run, errors);
        }
        return verifyAndSave(conduit, run);
    }

    /**
     * Dispatches copy requests, each telling the index what it wrote ({@link #announceWritten}), and
     * waits for them; counts as copied the content targets of the jobs that ended with a result, less
     * the items that failed.
     */
    private List<JobStatus> runCopies(SyncRun run, List<CopyRequest> requests) throws InterruptedException {
        List<JobHandle> jobs =
                dispatch(run, requests, request -> transfer.copy(request.reportingTo(this::announceWritten)));
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
     * Hands the index the hash a copy computed while writing a file, with the file's witness, so
     * that the index does not read the file again while the witness holds.
     */
    private void announceWritten(Path file, Witness witness, ContentHash hash) {
        if (hash.algorithm().equals(EntryFacts.HASH_ALGORITHM)) {
            index.expectWritten(file, witness, hash.hex());
        }
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
        stores.conduits()
                .recordCompletedRun(
                        conduit.id(),
                        done.completed().orElseThrow(),
                        done.filesCopied() + done.filesDeleted() + done.filesMoved(),
                        done.bytes());
        run.advance(Phase.VERIFYING);
        stores.generations().saveGeneration(with(done, Phase.VERIFYING, Generation.WAITING_WATCHER, Optional.empty()));
        Verification verification = verifyAgainstBaseline(
                conduit,
                run,
                step -> stores.generations().saveGeneration(with(done, Phase.VERIFYING, step, Optional.empty())),
                activity -> {
                    run.activity(activity);
                    events.progress(conduit, run.progress());
                });
        run.stepDone("verification");
        run.advance(Phase.SAVING);
        Optional<SequenceCheckpoint> checkpoint = verification
                .checkpoint()
                .map(agreed -> new SequenceCheckpoint(
                        agreed.sourceSequence(),
                        agreed.targetSequence(),
                        new IgnoreRules(conduit.options().ignores()).fingerprint()));
        Generation verified = stores.generations()
                .completeGeneration(
                        with(done, Phase.COMPLETED, verification.status(), Optional.of(verification.at())),
                        StoredBaseline.changes(verification.baselineUpdates()),
                        run.resolved().decisions(),
                        checkpoint);
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
        try (StoredBaseline baseline = StoredBaseline.open(stores.baselines(), conduit.id())) {
            VerificationRequest request = new VerificationRequest(
                    requests.of(conduit, baseline), run.resolved().touched(), verificationTimeout);
            return verifier.verify(request, steps, activities);
        }
    }

    private static List<String> prefixed(String format, List<String> errors) {
        List<String> all = new ArrayList<>(errors.size() + 1);
        all.add(String.format(Locale.ROOT, format, errors.size()));
        all.addAll(errors);
        return all;
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
                    planned.conflict().source().map(ConflictSide::of),
                    planned.conflict().target().map(ConflictSide::of),
                    planned.decision().isPending()
                            ? Optional.empty()
                            : Optional.of(planned.decision().describe()),
                    planned.strategy()));
        }
        stores.conflicts().recordConflicts(conduit.id(), generation, detected, Instant.now());
        for (PlannedConflict planned : resolved.conflicts()) {
            events.conflict(FileSyncEvents.CONFLICT_DETECTED, conduit, generation, planned);
            if (!planned.decision().isPending()) {
                events.conflict(FileSyncEvents.CONFLICT_RESOLVED, conduit, generation, planned);
            }
        }
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
                generation.filesMoved(),
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
