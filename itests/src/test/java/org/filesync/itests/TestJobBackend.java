package org.filesync.itests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.filesync.jobs.Job;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobManager;
import org.filesync.jobs.JobProgress;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;

/** A minimal second {@link JobManager} backend, registered at run time by a test. */
final class TestJobBackend implements JobManager, AutoCloseable {

    static final String NAME = "test";

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final Map<String, Handle> jobs = new ConcurrentHashMap<>();

    @Override
    public JobHandle dispatch(Job job) {
        Handle h = new Handle(job);
        jobs.put(h.id, h);
        pool.execute(h::run);
        return h;
    }

    @Override
    public Optional<JobHandle> handle(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public Optional<JobStatus> status(String id) {
        return handle(id).map(JobHandle::status);
    }

    @Override
    public List<JobStatus> active() {
        return jobs.values().stream()
                .map(Handle::status)
                .filter(s -> !s.state().isTerminal())
                .toList();
    }

    @Override
    public List<JobStatus> recent(int limit) {
        return jobs.values().stream().map(Handle::status).limit(limit).toList();
    }

    @Override
    public boolean cancel(String id) {
        return handle(id).map(JobHandle::cancel).orElse(false);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static final class Handle implements JobHandle, JobContext {
        final String id = UUID.randomUUID().toString();
        final Job job;
        final Instant created = Instant.now();
        final CompletableFuture<JobStatus> done = new CompletableFuture<>();
        final AtomicLong items = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile JobState state = JobState.QUEUED;
        volatile JobResult result;
        volatile boolean cancelled;

        Handle(Job job) {
            this.job = job;
        }

        void run() {
            state = JobState.RUNNING;
            try {
                result = job.run(this);
                state = cancelled ? JobState.CANCELLED : result.hasErrors() ? JobState.FAILED : JobState.COMPLETED;
            } catch (Exception e) {
                state = JobState.FAILED;
            }
            done.complete(status());
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public JobStatus status() {
            return new JobStatus(
                    id,
                    job.type(),
                    job.description(),
                    NAME,
                    state,
                    "",
                    new JobProgress(items.get(), 0, bytes.get(), 0, "", 0, 0),
                    created,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.ofNullable(result));
        }

        @Override
        public boolean cancel() {
            cancelled = true;
            return true;
        }

        @Override
        public JobStatus await(Duration timeout) throws InterruptedException {
            try {
                return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                return status();
            }
        }

        @Override
        public CompletionStage<JobStatus> completion() {
            return done;
        }

        @Override
        public String jobId() {
            return id;
        }

        @Override
        public void totals(long items, long bytes) {}

        @Override
        public void addBytes(long n) {
            bytes.addAndGet(n);
        }

        @Override
        public void itemDone() {
            items.incrementAndGet();
        }

        @Override
        public void currentItem(String item) {}

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
