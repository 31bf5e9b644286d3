package org.filesync.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.filesync.jobs.ItemError;
import org.filesync.jobs.Job;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobRejectedException;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;
import org.filesync.testsupport.DerbyDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private DerbyDataSource dataSource;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<JobStatus> progress = Collections.synchronizedList(new ArrayList<>());
    private final List<JobEngine> engines = new ArrayList<>();

    @BeforeEach
    void database() {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        dataSource = new DerbyDataSource(dir.resolve("db"));
    }

    @AfterEach
    void close() {
        engines.forEach(e -> e.close(Duration.ofSeconds(5)));
    }

    private JobEngine engine(int maxConcurrent, Duration progressInterval) {
        JobEngine e = new JobEngine(
                "threadpool",
                maxConcurrent,
                new JdbcJobStore(dataSource),
                new JobListener() {
                    @Override
                    public void stateChanged(JobStatus s) {
                        events.add(s.id() + ":" + s.describe());
                    }

                    @Override
                    public void progress(JobStatus s) {
                        progress.add(s);
                    }
                },
                Clock.systemUTC(),
                progressInterval,
                100);
        engines.add(e);
        return e;
    }

    /** A job that signals when it runs and then waits for a release. */
    static final class Gate implements Job {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String type() {
            return "test.gate";
        }

        @Override
        public String description() {
            return "waits for the test";
        }

        @Override
        public JobResult run(JobContext context) throws InterruptedException {
            started.countDown();
            while (!release.await(10, TimeUnit.MILLISECONDS)) {
                context.checkCancelled();
            }
            return JobResult.success(1, 0, "released");
        }
    }

    private static Job job(String type, JobBody body) {
        return new Job() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String description() {
                return "a " + type + " job";
            }

            @Override
            public JobResult run(JobContext context) throws InterruptedException {
                return body.run(context);
            }
        };
    }

    interface JobBody {
        JobResult run(JobContext context) throws InterruptedException;
    }

    @Test
    void dispatchReturnsAtOnceAndReportsProgressAndResult() throws Exception {
        JobEngine engine = engine(2, Duration.ZERO);
        Gate gate = new Gate();
        JobHandle blocking = engine.dispatch(gate);
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        assertEquals(JobState.RUNNING, blocking.status().state());

        JobHandle h = engine.dispatch(job("test.count", ctx -> {
            ctx.totals(3, 300);
            for (int i = 0; i < 3; i++) {
                ctx.currentItem("item" + i);
                ctx.addBytes(100);
                ctx.itemDone();
            }
            return JobResult.success(3, 300, "done");
        }));
        JobStatus done = h.await(WAIT);
        assertEquals(JobState.COMPLETED, done.state());
        assertEquals("completed", done.describe());
        assertEquals(3, done.progress().itemsDone());
        assertEquals(300, done.progress().bytesDone());
        assertEquals(300, done.progress().bytesTotal());
        assertEquals("item2", done.progress().currentItem());
        assertTrue(done.started().isPresent() && done.finished().isPresent());
        assertEquals(3, done.result().orElseThrow().itemsSucceeded());
        assertFalse(progress.isEmpty(), "progress events with a zero interval");

        // the snapshot is not live
        JobStatus before = blocking.status();
        gate.release.countDown();
        assertEquals(JobState.COMPLETED, blocking.await(WAIT).state());
        assertEquals(JobState.RUNNING, before.state());

        // the record survives in the database
        JobStatus stored = new JdbcJobStore(dataSource).find(h.id()).orElseThrow();
        assertEquals(JobState.COMPLETED, stored.state());
        assertEquals(3, stored.progress().itemsDone());
        assertTrue(events.indexOf(h.id() + ":queued") < events.indexOf(h.id() + ":running"));
        assertTrue(events.indexOf(h.id() + ":running") < events.indexOf(h.id() + ":completed"));
    }

    @Test
    void awaitWithTimeoutReturnsTheCurrentSnapshot() throws Exception {
        JobEngine engine = engine(1, Duration.ofSeconds(1));
        Gate gate = new Gate();
        JobHandle h = engine.dispatch(gate);
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        assertEquals(JobState.RUNNING, h.await(Duration.ofMillis(50)).state());
        CompletableFuture<JobStatus> f = h.completion().toCompletableFuture();
        assertFalse(f.isDone());
        gate.release.countDown();
        assertEquals(JobState.COMPLETED, f.get(20, TimeUnit.SECONDS).state());
    }

    @Test
    void progressEventsAreThrottled() throws Exception {
        JobEngine engine = engine(1, Duration.ofHours(1));
        JobStatus s = engine.dispatch(job("test.chatty", ctx -> {
                    for (int i = 0; i < 1000; i++) {
                        ctx.addBytes(1);
                        ctx.itemDone();
                    }
                    return JobResult.success(1000, 1000, "ok");
                }))
                .await(WAIT);
        assertEquals(1000, s.progress().itemsDone());
        assertEquals(1, progress.size(), "one progress event per interval");
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        JobEngine engine = engine(2, Duration.ofSeconds(1));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch twoIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<JobHandle> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handles.add(engine.dispatch(job("test.bounded", ctx -> {
                max.accumulateAndGet(running.incrementAndGet(), Math::max);
                twoIn.countDown();
                release.await();
                running.decrementAndGet();
                return JobResult.success(1, 0, "ok");
            })));
        }
        assertTrue(twoIn.await(20, TimeUnit.SECONDS));
        long queued = engine.active().stream()
                .filter(s -> s.state() == JobState.QUEUED)
                .count();
        assertEquals(3, queued);
        release.countDown();
        for (JobHandle h : handles) {
            assertEquals(JobState.COMPLETED, h.await(WAIT).state());
        }
        assertEquals(2, max.get());
    }

    @Test
    void cancelQueuedAndRunningJobs() throws Exception {
        JobEngine engine = engine(1, Duration.ofSeconds(1));
        Gate gate = new Gate();
        JobHandle running = engine.dispatch(gate);
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        JobHandle queued = engine.dispatch(new Gate());
        assertTrue(queued.cancel());
        assertEquals(JobState.CANCELLED, queued.status().state());
        assertTrue(engine.cancel(running.id()));
        assertEquals("cancelled:cancelled", running.await(WAIT).describe());
        assertFalse(running.cancel(), "already over");
    }

    @Test
    void itemErrorsAndExceptionsFailTheJob() throws Exception {
        JobEngine engine = engine(2, Duration.ofSeconds(1));
        JobHandle errors = engine.dispatch(job(
                "test.errors",
                ctx -> new JobResult(
                        1, 10, List.of(new ItemError("/a/b", "disk-full", "No space left on device")), "1 failed")));
        JobStatus s = errors.await(WAIT);
        assertEquals(JobState.FAILED, s.state());
        assertEquals("1 item(s) failed", s.reason());
        JobStatus stored = new JdbcJobStore(dataSource).find(errors.id()).orElseThrow();
        assertEquals(
                List.of(new ItemError("/a/b", "disk-full", "No space left on device")),
                stored.result().orElseThrow().errors());

        JobHandle thrown = engine.dispatch(job("test.throws", ctx -> {
            throw new IllegalStateException("broken input");
        }));
        assertEquals("failed:broken input", thrown.await(WAIT).describe());
    }

    @Test
    void jobsRunningWhenTheProcessDiedAreReportedInterrupted() throws Exception {
        JobEngine first = engine(1, Duration.ofSeconds(1));
        Gate gate = new Gate();
        JobHandle running = first.dispatch(gate);
        JobHandle queued = first.dispatch(new Gate());
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));

        // A new engine on the same database, as after a crash and restart.
        JobEngine second = engine(1, Duration.ofSeconds(1));
        assertEquals(2, second.recoverInterrupted());
        assertEquals(
                "failed:interrupted", second.status(running.id()).orElseThrow().describe());
        assertEquals(
                "failed:interrupted", second.status(queued.id()).orElseThrow().describe());
        assertTrue(second.recent(10).stream().anyMatch(st -> st.id().equals(running.id())));
        gate.release.countDown();
    }

    @Test
    void closingInterruptsRunningJobsAndRejectsNewOnes() throws Exception {
        JobEngine engine = engine(1, Duration.ofSeconds(1));
        Gate gate = new Gate();
        JobHandle running = engine.dispatch(gate);
        JobHandle queued = engine.dispatch(new Gate());
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        engine.close(Duration.ofSeconds(10));
        assertEquals("failed:interrupted", running.await(WAIT).describe());
        assertEquals("failed:interrupted", queued.await(WAIT).describe());
        assertThrows(JobRejectedException.class, () -> engine.dispatch(new Gate()));
    }

    @Test
    void eventPropertiesCarryTheSnapshot() throws Exception {
        JobEngine engine = engine(1, Duration.ofSeconds(1));
        JobStatus s = engine.dispatch(job("test.props", ctx -> {
                    ctx.totals(1, 5);
                    ctx.addBytes(5);
                    ctx.itemDone();
                    return JobResult.success(1, 5, "ok");
                }))
                .await(WAIT);
        var p = ThreadPoolJobManager.properties(s);
        assertEquals(s.id(), p.get("job.id"));
        assertEquals("completed", p.get("job.state"));
        assertEquals(5L, p.get("bytes.done"));
        assertEquals(0, p.get("errors"));
    }
}
