package org.filesync.jobs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.filesync.jobs.Job;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobProgress;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;

/** A job inside {@link JobEngine}: its mutable state, its handle and its context. */
final class TrackedJob implements JobHandle, JobContext {

    private final JobEngine engine;
    private final String id;
    final Job job;
    private final Instant created;
    private final CompletableFuture<JobStatus> completion = new CompletableFuture<>();

    private final AtomicLong itemsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    // the first progress report is always posted
    private final AtomicLong lastProgressEvent = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile long itemsTotal;
    private volatile long bytesTotal;
    private volatile String currentItem = "";
    private volatile boolean cancelRequested;

    // guarded by this
    private JobState state = JobState.QUEUED;
    private String reason = "";
    private Instant started;
    private long startedNanos;
    private Instant finished;
    private JobResult result;
    private Future<?> future;

    TrackedJob(JobEngine engine, String id, Job job, Instant created) {
        this.engine = engine;
        this.id = id;
        this.job = job;
        this.created = created;
    }

    synchronized void future(Future<?> f) {
        this.future = f;
    }

    /** Moves QUEUED → RUNNING; false when the job was cancelled while queued. */
    synchronized boolean markRunning(Instant now, long nanos) {
        if (state != JobState.QUEUED) {
            return false;
        }
        state = JobState.RUNNING;
        started = now;
        startedNanos = nanos;
        return true;
    }

    /** Moves to a terminal state once; false when it already was terminal. */
    synchronized boolean finish(JobState terminal, String why, JobResult res, Instant now) {
        if (state.isTerminal()) {
            return false;
        }
        state = terminal;
        reason = why;
        result = res;
        finished = now;
        return true;
    }

    void complete() {
        completion.complete(status());
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized JobStatus status() {
        double seconds = 0;
        if (started != null) {
            long end = finished == null
                    ? engine.nanoTime()
                    : startedNanos + Duration.between(started, finished).toNanos();
            seconds = Math.max(1e-3, (end - startedNanos) / 1e9);
        }
        long items = itemsDone.get();
        long bytes = bytesDone.get();
        JobProgress progress = new JobProgress(
                items,
                itemsTotal,
                bytes,
                bytesTotal,
                currentItem,
                seconds == 0 ? 0 : bytes / seconds,
                seconds == 0 ? 0 : items / seconds);
        return new JobStatus(
                id,
                job.type(),
                job.description(),
                engine.backend(),
                state,
                reason,
                progress,
                created,
                Optional.ofNullable(started),
                Optional.ofNullable(finished),
                Optional.ofNullable(result));
    }

    @Override
    public boolean cancel() {
        Future<?> f;
        synchronized (this) {
            if (state.isTerminal()) {
                return false;
            }
            cancelRequested = true;
            f = future;
        }
        if (f != null) {
            // Removes a queued job from the pool's queue; a running job stops cooperatively.
            f.cancel(false);
        }
        engine.cancelledWhileQueued(this);
        return true;
    }

    @Override
    public JobStatus await(Duration timeout) throws InterruptedException {
        try {
            return completion.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return status();
        } catch (ExecutionException e) {
            // never completed exceptionally
            return status();
        }
    }

    @Override
    public CompletionStage<JobStatus> completion() {
        return completion.minimalCompletionStage();
    }

    // JobContext

    @Override
    public String jobId() {
        return id;
    }

    @Override
    public void totals(long items, long bytes) {
        itemsTotal = Math.max(0, items);
        bytesTotal = Math.max(0, bytes);
    }

    @Override
    public void addBytes(long bytes) {
        bytesDone.addAndGet(bytes);
        engine.maybeProgress(this, lastProgressEvent);
    }

    @Override
    public void itemDone() {
        itemsDone.incrementAndGet();
        engine.maybeProgress(this, lastProgressEvent);
    }

    @Override
    public void currentItem(String item) {
        currentItem = item == null ? "" : item;
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested;
    }
}
