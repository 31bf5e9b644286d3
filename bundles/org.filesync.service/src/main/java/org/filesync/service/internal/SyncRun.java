package org.filesync.service.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.filesync.api.FileSyncException;
import org.filesync.api.Generation;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobProgress;

/** One run of a conduit: its plan, its jobs, its phase, and the future of its final generation. */
final class SyncRun implements SyncHandle {

    private final long conduitId;
    private final Generation started;
    private final ResolvedRun resolved;
    private final long resolutionStartNanos;
    private final boolean retry;
    private final List<JobHandle> jobs = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Generation> completion = new CompletableFuture<>();
    private volatile Generation.Phase phase = Generation.Phase.PLANNED;
    private volatile long endNanos = -1;
    private final StringBuilder steps = new StringBuilder();
    private long lastStepNanos;

    SyncRun(long conduitId, Generation started, ResolvedRun resolved, long resolutionStartNanos, boolean retry) {
        this.retry = retry;
        this.conduitId = conduitId;
        this.started = started;
        this.resolved = resolved;
        this.resolutionStartNanos = resolutionStartNanos;
    }

    /** Whether this run is the automatic retry of a generation whose verification failed. */
    boolean isRetry() {
        return retry;
    }

    @Override
    public long conduitId() {
        return conduitId;
    }

    @Override
    public long generation() {
        return started.number();
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

    Generation.Phase phase() {
        return phase;
    }

    void phase(Generation.Phase next) {
        phase = next;
    }

    void track(JobHandle job) {
        jobs.add(job);
    }

    /** Notes that a step of the run ended at {@code nanos} ({@link System#nanoTime()}), for {@link #steps()}. */
    synchronized void stepDone(String step, long nanos) {
        long from = lastStepNanos == 0 ? resolutionStartNanos : lastStepNanos;
        steps.append(steps.length() == 0 ? "" : ", ")
                .append(step)
                .append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(nanos - from))
                .append(" ms");
        lastStepNanos = nanos;
    }

    /** Notes that a step of the run ended now. */
    void stepDone(String step) {
        stepDone(step, System.nanoTime());
    }

    /** Each step noted so far with its time, in order: {@code resolved 37 ms, copies 199 ms, …}. */
    synchronized String steps() {
        return steps.toString();
    }

    @Override
    public Duration elapsed() {
        long end = endNanos < 0 ? System.nanoTime() : endNanos;
        return Duration.ofNanos(end - resolutionStartNanos);
    }

    @Override
    public SyncProgress progress() {
        long filesDone = 0;
        long bytesDone = 0;
        double rate = 0;
        for (JobHandle job : jobs) {
            JobProgress progress = job.status().progress();
            filesDone += progress.itemsDone();
            bytesDone += progress.bytesDone();
            rate += progress.bytesPerSecond();
        }
        SyncPlan plan = resolved.summary();
        long filesTotal = plan.operations().size();
        long bytesTotal = plan.bytes();
        Optional<Duration> eta = rate > 0 && bytesTotal >= bytesDone
                ? Optional.of(Duration.ofMillis((long) ((bytesTotal - bytesDone) * 1000 / rate)))
                : Optional.empty();
        return new SyncProgress(
                conduitId,
                generation(),
                phase,
                Math.min(filesDone, filesTotal),
                filesTotal,
                bytesDone,
                bytesTotal,
                rate,
                eta,
                started.started());
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

    void complete(Generation finished) {
        endNanos = System.nanoTime();
        phase = finished.phase();
        completion.complete(finished);
    }
}
