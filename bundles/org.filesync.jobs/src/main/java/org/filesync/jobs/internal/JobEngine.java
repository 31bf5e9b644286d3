package org.filesync.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.filesync.jobs.Job;
import org.filesync.jobs.JobCancelledException;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobRejectedException;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread-pool job engine: a bounded pool runs jobs in dispatch order, every state change is
 * recorded in the {@link JobStore}, written to the audit log and handed to the {@link JobListener}.
 * Free of OSGi, so that it is tested as it is.
 */
final class JobEngine implements AutoCloseable {

    /** The audit log category of job state changes. */
    static final String AUDIT_LOGGER = "org.filesync.jobs.audit";

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final Logger AUDIT = LoggerFactory.getLogger(AUDIT_LOGGER);

    private final String backend;
    private final JobStore store;
    private final JobListener listener;
    private final Clock clock;
    private final long progressIntervalNanos;
    private final int retained;
    private final ThreadPoolExecutor pool;
    private final Map<String, TrackedJob> jobs = new LinkedHashMap<>(); // guarded by itself
    private volatile boolean closed;

    JobEngine(
            String backend,
            int maxConcurrent,
            JobStore store,
            JobListener listener,
            Clock clock,
            Duration progressInterval,
            int retained) {
        this.backend = Objects.requireNonNull(backend);
        this.store = Objects.requireNonNull(store);
        this.listener = Objects.requireNonNull(listener);
        this.clock = Objects.requireNonNull(clock);
        this.progressIntervalNanos = progressInterval.toNanos();
        this.retained = Math.max(1, retained);
        int threads = checkConcurrency(maxConcurrent);
        this.pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), namedThreads(backend));
        this.pool.allowCoreThreadTimeOut(true);
    }

    private static int checkConcurrency(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        return maxConcurrent;
    }

    private static ThreadFactory namedThreads(String backend) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "filesync-jobs-" + backend + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Marks the records of an earlier run that never ended as {@code failed:interrupted}. */
    int recoverInterrupted() {
        int n = store.markInterrupted(backend, clock.instant());
        if (n > 0) {
            AUDIT.info(
                    "{} job(s) of backend {} were queued or running when the container stopped: failed:interrupted",
                    n,
                    backend);
        }
        return n;
    }

    String backend() {
        return backend;
    }

    long nanoTime() {
        return System.nanoTime();
    }

    /** Changes the number of jobs run at once; jobs already running are not affected. */
    void maxConcurrent(int maxConcurrent) {
        int threads = checkConcurrency(maxConcurrent);
        if (threads >= pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(threads);
            pool.setCorePoolSize(threads);
        } else {
            pool.setCorePoolSize(threads);
            pool.setMaximumPoolSize(threads);
        }
    }

    JobHandle dispatch(Job job) {
        Objects.requireNonNull(job, "job");
        if (closed) {
            throw new JobRejectedException("job backend " + backend + " is shutting down");
        }
        TrackedJob tracked = new TrackedJob(this, UUID.randomUUID().toString(), job, clock.instant());
        JobStatus queued = tracked.status();
        store.insert(queued);
        synchronized (jobs) {
            jobs.put(tracked.id(), tracked);
            trim();
        }
        announce(queued, JobState.QUEUED);
        try {
            tracked.future(pool.submit(() -> run(tracked)));
        } catch (RejectedExecutionException e) {
            end(tracked, JobState.FAILED, "rejected: backend " + backend + " is shutting down", null);
            throw new JobRejectedException("job backend " + backend + " is shutting down");
        }
        return tracked;
    }

    private void run(TrackedJob tracked) {
        if (!tracked.markRunning(clock.instant(), nanoTime())) {
            return;
        }
        announce(tracked.status(), JobState.RUNNING);
        JobState terminal;
        String reason;
        JobResult result = null;
        try {
            result = Objects.requireNonNull(tracked.job.run(tracked), "a job must return a result");
            if (tracked.cancelRequested()) {
                terminal = JobState.CANCELLED;
                reason = "cancelled";
            } else if (result.hasErrors()) {
                terminal = JobState.FAILED;
                reason = result.errors().size() + " item(s) failed";
            } else {
                terminal = JobState.COMPLETED;
                reason = "";
            }
        } catch (JobCancelledException e) {
            terminal = JobState.CANCELLED;
            reason = "cancelled";
        } catch (InterruptedException e) {
            terminal = tracked.cancelRequested() ? JobState.CANCELLED : JobState.FAILED;
            reason = tracked.cancelRequested() ? "cancelled" : "interrupted";
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.warn("Job {} ({}) failed", tracked.id(), tracked.job.type(), e);
            terminal = JobState.FAILED;
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (closed && terminal == JobState.CANCELLED) {
            terminal = JobState.FAILED;
            reason = "interrupted";
        }
        end(tracked, terminal, reason, result);
    }

    /** Called by a handle after a cancel request: a job still queued ends now. */
    void cancelledWhileQueued(TrackedJob tracked) {
        if (tracked.status().state() == JobState.QUEUED) {
            if (closed) {
                end(tracked, JobState.FAILED, "interrupted", null);
            } else {
                end(tracked, JobState.CANCELLED, "cancelled", null);
            }
        }
    }

    private void end(TrackedJob tracked, JobState terminal, String reason, JobResult result) {
        if (!tracked.finish(terminal, reason, result, clock.instant())) {
            return;
        }
        announce(tracked.status(), terminal);
        tracked.complete();
    }

    private void announce(JobStatus status, JobState state) {
        if (state == JobState.QUEUED) {
            AUDIT.info(
                    "job {} queued: type={} backend={} description=\"{}\"",
                    status.id(),
                    status.type(),
                    backend,
                    status.description());
        } else {
            AUDIT.info(
                    "job {} {}: type={} backend={} items={}/{} bytes={}{}",
                    status.id(),
                    status.describe(),
                    status.type(),
                    backend,
                    status.progress().itemsDone(),
                    status.progress().itemsTotal(),
                    status.progress().bytesDone(),
                    status.result().map(r -> " errors=" + r.errors().size()).orElse(""));
            try {
                store.update(status);
            } catch (RuntimeException e) {
                LOG.warn("Cannot record the state of job {}: {}", status.id(), e.getMessage());
            }
        }
        try {
            listener.stateChanged(status);
        } catch (RuntimeException e) {
            LOG.warn("Job listener failed on {}", status.id(), e);
        }
    }

    void maybeProgress(TrackedJob tracked, AtomicLong last) {
        long now = nanoTime();
        long prev = last.get();
        if (now - prev >= progressIntervalNanos && last.compareAndSet(prev, now)) {
            try {
                listener.progress(tracked.status());
            } catch (RuntimeException e) {
                LOG.warn("Job listener failed on progress of {}", tracked.id(), e);
            }
        }
    }

    /** Drops the oldest finished jobs beyond the retained count; caller holds the lock. */
    private void trim() {
        int excess = jobs.size() - retained;
        for (Iterator<TrackedJob> it = jobs.values().iterator(); excess > 0 && it.hasNext(); ) {
            if (it.next().status().state().isTerminal()) {
                it.remove();
                excess--;
            }
        }
    }

    Optional<JobHandle> handle(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    Optional<JobStatus> status(String id) {
        Optional<JobHandle> live = handle(id);
        if (live.isPresent()) {
            return Optional.of(live.get().status());
        }
        return store.find(id);
    }

    List<JobStatus> active() {
        List<JobStatus> out = new ArrayList<>();
        for (TrackedJob j : snapshotJobs()) {
            JobStatus s = j.status();
            if (!s.state().isTerminal()) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(JobStatus::created));
        return out;
    }

    List<JobStatus> recent(int limit) {
        List<JobStatus> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TrackedJob j : snapshotJobs()) {
            out.add(j.status());
            seen.add(j.id());
        }
        try {
            for (JobStatus s : store.recent(limit)) {
                if (seen.add(s.id())) {
                    out.add(s);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot read recorded jobs: {}", e.getMessage());
        }
        out.sort(Comparator.comparing(JobStatus::created).reversed());
        return out.size() <= limit ? out : List.copyOf(out.subList(0, limit));
    }

    private List<TrackedJob> snapshotJobs() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values());
        }
    }

    boolean cancel(String id) {
        return handle(id).map(JobHandle::cancel).orElse(false);
    }

    /**
     * Stops taking jobs, asks running jobs to stop and waits up to {@code grace} for them; jobs
     * that do not end in time stay recorded as running and are reported {@code failed:interrupted}
     * at the next start.
     */
    void close(Duration grace) {
        closed = true;
        for (TrackedJob j : snapshotJobs()) {
            if (!j.status().state().isTerminal()) {
                j.cancel();
            }
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Jobs of backend {} still running after {}; interrupting them", backend, grace);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
