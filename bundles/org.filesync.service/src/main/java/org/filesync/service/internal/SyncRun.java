package org.filesync.service.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.filesync.api.FileSyncException;
import org.filesync.api.Generation;
import org.filesync.api.Generation.Phase;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobProgress;

/**
 * One run of a conduit, from the moment it is requested until it has ended: its phase (moved
 * forward only along {@link #NEXT}), its plan and generation once they exist, its jobs, the counts
 * of what it really did, and the future of its final generation.
 *
 * <pre>
 * SETTLING -> RESOLVING -> PLANNED -> COPYING -> DELETING -> VERIFYING -> SAVING -> COMPLETED
 *     \___________\___________\__________\__________\-> FAILED
 * </pre>
 *
 * A run refused while it settles or resolves ends {@code FAILED} without a generation (the caller
 * gets the refusal); from {@code PLANNED} on, its generation records how it ended.
 */
final class SyncRun implements SyncHandle {

    /** The phases each phase may move to. */
    static final Map<Phase, Set<Phase>> NEXT = transitions();

    private final long conduitId;
    private final boolean retry;
    private final Instant requested = Instant.now();
    private final long requestedNanos = System.nanoTime();
    private final List<JobHandle> jobs = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Generation> completion = new CompletableFuture<>();
    private final StringBuilder steps = new StringBuilder();
    private volatile Phase phase = Phase.SETTLING;
    private volatile Generation started;
    private volatile ResolvedRun resolved;
    private volatile long resolutionStartNanos = -1;
    private volatile long endNanos = -1;
    private volatile String activity;
    private long lastStepNanos;
    private long copied;
    private long moved;
    private long deleted;
    private long bytes;

    SyncRun(long conduitId, boolean retry) {
        this.conduitId = conduitId;
        this.retry = retry;
    }

    private static Map<Phase, Set<Phase>> transitions() {
        Map<Phase, Set<Phase>> next = new EnumMap<>(Phase.class);
        next.put(Phase.SETTLING, EnumSet.of(Phase.RESOLVING, Phase.FAILED));
        next.put(Phase.RESOLVING, EnumSet.of(Phase.PLANNED, Phase.FAILED));
        next.put(Phase.PLANNED, EnumSet.of(Phase.COPYING, Phase.FAILED));
        next.put(Phase.COPYING, EnumSet.of(Phase.DELETING, Phase.FAILED));
        next.put(Phase.DELETING, EnumSet.of(Phase.VERIFYING, Phase.FAILED));
        next.put(Phase.VERIFYING, EnumSet.of(Phase.SAVING, Phase.FAILED));
        next.put(Phase.SAVING, EnumSet.of(Phase.COMPLETED, Phase.FAILED));
        next.put(Phase.COMPLETED, EnumSet.noneOf(Phase.class));
        next.put(Phase.FAILED, EnumSet.noneOf(Phase.class));
        return next;
    }

    /**
     * Moves the run to its next phase.
     *
     * @throws IllegalStateException if the run cannot go there from where it is
     */
    synchronized void advance(Phase next) {
        if (!NEXT.get(phase).contains(next)) {
            throw new IllegalStateException("conduit " + conduitId + ": a run cannot go from " + phase + " to " + next);
        }
        if (next == Phase.RESOLVING) {
            resolutionStartNanos = System.nanoTime();
        }
        phase = next;
        activity = null;
    }

    /** What the run does now within its phase ({@link SyncProgress#activity()}), until the phase changes. */
    void activity(String what) {
        activity = what;
    }

    /** The plan resolved and its generation recorded: the run is {@link Phase#PLANNED}. */
    synchronized void planned(ResolvedRun plan, Generation generation) {
        advance(Phase.PLANNED);
        this.resolved = plan;
        this.started = generation;
    }

    /** Whether this run is the automatic retry of a generation whose verification failed. */
    boolean isRetry() {
        return retry;
    }

    @Override
    public long conduitId() {
        return conduitId;
    }

    /** The generation number; 0 before the run has one. */
    @Override
    public long generation() {
        Generation generation = started;
        return generation == null ? 0 : generation.number();
    }

    Generation startedGeneration() {
        return started;
    }

    ResolvedRun resolved() {
        return resolved;
    }

    @Override
    public SyncPlan plan() {
        return resolved.summary();
    }

    Phase phase() {
        return phase;
    }

    void track(JobHandle job) {
        jobs.add(job);
    }

    /** Adds the moves the copy jobs did to the run's counts. */
    synchronized void moved(long movedEntries) {
        moved += movedEntries;
    }

    /** Adds what a finished stage of jobs did to the run's counts. */
    synchronized void counted(long copiedFiles, long deletedEntries, long writtenBytes) {
        copied += copiedFiles;
        deleted += deletedEntries;
        bytes += writtenBytes;
    }

    /** The generation with what the run did so far, in the given phase and with these errors. */
    synchronized Generation generationNow(Phase generationPhase, List<String> errors) {
        return new Generation(
                started.conduitId(),
                started.number(),
                started.started(),
                Optional.of(Instant.now()),
                generationPhase,
                copied,
                deleted,
                moved,
                resolved.summary().conflicts(),
                bytes,
                errors,
                started.verification(),
                Optional.empty(),
                resolved.summary().ignored(),
                resolved.summary().kept(),
                started.trigger());
    }

    /** Notes that a step of the run ended now, for {@link #steps()}. */
    synchronized void stepDone(String step) {
        long now = System.nanoTime();
        long from = lastStepNanos == 0 ? resolutionStartNanos : lastStepNanos;
        steps.append(steps.length() == 0 ? "" : ", ")
                .append(step)
                .append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(now - from))
                .append(" ms");
        lastStepNanos = now;
    }

    /** Each step noted so far with its time, in order: {@code resolved 37 ms, copies 199 ms, …}. */
    synchronized String steps() {
        return steps.toString();
    }

    /** From the start of resolution (or of the request, before it) to the end of the run. */
    @Override
    public Duration elapsed() {
        long end = endNanos < 0 ? System.nanoTime() : endNanos;
        long from = resolutionStartNanos < 0 ? requestedNanos : resolutionStartNanos;
        return Duration.ofNanos(end - from);
    }

    @Override
    public SyncProgress progress() {
        ResolvedRun plan = resolved;
        Optional<String> doing = Optional.ofNullable(activity);
        if (plan == null) {
            return new SyncProgress(conduitId, 0, phase, 0, 0, 0, 0, 0, Optional.empty(), requested, 0, 0, doing);
        }
        long filesDone = 0;
        long bytesDone = 0;
        double rate = 0;
        for (JobHandle job : jobs) {
            JobProgress progress = job.status().progress();
            filesDone += progress.itemsDone();
            bytesDone += progress.bytesDone();
            rate += progress.bytesPerSecond();
        }
        SyncPlan summary = plan.summary();
        long filesTotal = summary.operations().size();
        long bytesTotal = summary.bytes();
        Phase now = phase;
        long copiedNow;
        long deletedNow;
        synchronized (this) {
            copiedNow = copied;
            deletedNow = deleted;
            if (now.compareTo(Phase.DELETING) >= 0) {
                // the copies have ended: the bytes the generation counts, not the jobs' running tally
                bytesDone = bytes;
            }
        }
        boolean transferring = now == Phase.COPYING || now == Phase.DELETING;
        Optional<Duration> eta = transferring && rate > 0 && bytesTotal >= bytesDone
                ? Optional.of(Duration.ofMillis((long) ((bytesTotal - bytesDone) * 1000 / rate)))
                : Optional.empty();
        return new SyncProgress(
                conduitId,
                generation(),
                now,
                Math.min(filesDone, filesTotal),
                filesTotal,
                bytesDone,
                bytesTotal,
                transferring ? rate : 0,
                eta,
                started.started(),
                copiedNow,
                deletedNow,
                doing);
    }

    /** The paths of the plan that receive file content. */
    Set<Path> contentTargets() {
        return resolved.contentTargets();
    }

    @Override
    public CompletionStage<Generation> completion() {
        return completion.copy();
    }

    @Override
    public Generation await(Duration timeout) throws InterruptedException {
        try {
            return completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new FileSyncException("Generation " + generation() + " of conduit " + conduitId
                    + " is still running after " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new FileSyncException(
                    "Generation " + generation() + " of conduit " + conduitId + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Ends the run with its final generation. */
    synchronized void complete(Generation finished) {
        endNanos = System.nanoTime();
        if (phase != finished.phase()) {
            advance(finished.phase());
        }
        completion.complete(finished);
    }

    /** Ends a run refused before it had a generation. */
    synchronized void refused() {
        endNanos = System.nanoTime();
        advance(Phase.FAILED);
    }
}
