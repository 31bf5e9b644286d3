package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.jobs.JobEvents;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobManager;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteItem;
import org.filesync.transfer.DeleteOptions;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferOptions;
import org.filesync.transfer.TransferReasons;
import org.filesync.transfer.TransferService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The shared JobManager with copy and delete jobs, in the real container: real files, job records
 * in the filesync database, events, and a job backend swapped at run time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransferJobsIT extends FileSyncTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T1 = Instant.parse("2024-03-01T10:15:30.123Z");
    private static final EntryFacts DIRECTORY =
            new EntryFacts(EntryKind.DIRECTORY, 0, 0, -1, Optional.empty(), Optional.empty());

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected TransferService transfers;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected JobManager jobManager;

    @Test
    public void copyAndDeleteRealFilesWithMetadataLinksEventsAndRecords() throws Exception {
        Path src = newDirectory("src");
        Path dst = newDirectory("dst");
        Path outside = newDirectory("outside");
        write(outside.resolve("keep.txt"), "outside", FileTime.from(T1));
        Path file = write(src.resolve("a/file.txt"), "content", FileTime.from(T1));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.createDirectories(src.resolve("empty"));
        Files.createSymbolicLink(src.resolve("out"), outside);

        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, JobEvents.TOPIC_PREFIX + "*");
        ServiceRegistration<EventHandler> reg = bundleContext.registerService(EventHandler.class, events::add, props);
        try {
            JobHandle copy = transfers.copy(new CopyRequest(
                    List.of(
                            CopyItem.toNew(src.resolve("a"), dst.resolve("a")),
                            CopyItem.toNew(file, dst.resolve("a/file.txt")),
                            CopyItem.toNew(src.resolve("empty"), dst.resolve("empty")),
                            CopyItem.toNew(src.resolve("out"), dst.resolve("out"))),
                    TransferOptions.of(dst, "1")));
            JobStatus done = copy.await(WAIT);
            assertEquals(done.toString(), JobState.COMPLETED, done.state());
            assertEquals("threadpool", done.backend());
            assertEquals("content", Files.readString(dst.resolve("a/file.txt")));
            assertEquals(
                    "rw-r-----",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dst.resolve("a/file.txt"))));
            assertEquals(
                    T1, Files.getLastModifiedTime(dst.resolve("a/file.txt")).toInstant());
            assertTrue(Files.isDirectory(dst.resolve("empty")));
            assertEquals(outside, Files.readSymbolicLink(dst.resolve("out")));
            assertEquals(List.of(), list(Layout.tmp(dst)));

            // the record is in the database, the state changes were posted
            assertEquals("completed", jobManager.status(copy.id()).orElseThrow().describe());
            assertTrue(awaitEvent(events, copy.id(), "COMPLETED"));

            // delete through the trash: the link goes as a link, the outside stays
            JobHandle delete = transfers.delete(new DeleteRequest(
                    List.of(
                            new DeleteItem(dst.resolve("a/file.txt"), file(7, T1)),
                            new DeleteItem(dst.resolve("a"), DIRECTORY),
                            new DeleteItem(
                                    dst.resolve("out"),
                                    new EntryFacts(
                                            EntryKind.SYMLINK,
                                            0,
                                            0,
                                            -1,
                                            Optional.of(outside.toString()),
                                            Optional.empty()))),
                    new DeleteOptions(dst, DeleteStrategy.TRASH, "2")));
            assertEquals(JobState.COMPLETED, delete.await(WAIT).state());
            assertFalse(Files.exists(dst.resolve("a"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(dst.resolve("out"), LinkOption.NOFOLLOW_LINKS));
            assertEquals("content", Files.readString(Layout.trash(dst, "2").resolve("a/file.txt")));
            assertTrue(Files.isSymbolicLink(Layout.trash(dst, "2").resolve("out")));
            assertEquals("outside", Files.readString(outside.resolve("keep.txt")));
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void aTargetEditedAfterThePlanIsKeptAndTheJobFails() throws Exception {
        Path src = newDirectory("src");
        Path dst = newDirectory("dst");
        write(src.resolve("f.txt"), "from the source", FileTime.from(T1));
        Path target = write(dst.resolve("f.txt"), "planned", FileTime.from(T1));
        EntryFacts planned = file(7, T1);
        Files.writeString(target, "edited by the user");

        JobHandle h = transfers.copy(new CopyRequest(
                List.of(CopyItem.replacing(src.resolve("f.txt"), target, planned)), TransferOptions.of(dst, "3")));
        JobStatus s = h.await(WAIT);
        assertEquals(JobState.FAILED, s.state());
        assertEquals(
                TransferReasons.CHANGED_SINCE_PLAN,
                s.result().orElseThrow().errors().get(0).reason());
        assertEquals("edited by the user", Files.readString(target));
        // the record keeps the per-item error
        JobStatus stored = jobManager.status(h.id()).orElseThrow();
        assertEquals(1, stored.result().orElseThrow().errors().size());
    }

    @Test
    public void aHigherRankedBackendTakesNewJobsWhileRunningJobsFinishOnTheOldOne() throws Exception {
        Path src = newDirectory("src");
        Path dst = newDirectory("dst");
        Path big = src.resolve("big.bin");
        Files.write(big, new byte[6 << 20]);
        write(src.resolve("small.txt"), "small", FileTime.from(T1));

        // ~3 s on the default backend: 6 MiB at 2 MiB/s
        JobHandle slow = transfers.copy(new CopyRequest(
                List.of(CopyItem.toNew(big, dst.resolve("big.bin"))),
                TransferOptions.of(dst, "4").withBandwidth(2 << 20)));
        assertEquals("threadpool", slow.status().backend());

        TestJobBackend backend = new TestJobBackend();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 100);
        props.put(JobManager.BACKEND_PROPERTY, TestJobBackend.NAME);
        ServiceRegistration<JobManager> reg = bundleContext.registerService(JobManager.class, backend, props);
        try {
            JobHandle next = transfers.copy(new CopyRequest(
                    List.of(CopyItem.toNew(src.resolve("small.txt"), dst.resolve("small.txt"))),
                    TransferOptions.of(dst, "4")));
            assertEquals(TestJobBackend.NAME, next.status().backend());
            assertEquals(JobState.COMPLETED, next.await(WAIT).state());
            assertEquals("small", Files.readString(dst.resolve("small.txt")));

            assertFalse(
                    "the slow job is still running on the old backend",
                    slow.status().state().isTerminal());
            JobStatus slowDone = slow.await(WAIT);
            assertEquals(JobState.COMPLETED, slowDone.state());
            assertEquals("threadpool", slowDone.backend());
            assertEquals(6 << 20, Files.size(dst.resolve("big.bin")));
        } finally {
            reg.unregister();
            backend.close();
        }
        // back on the default backend once the test backend leaves
        Files.delete(dst.resolve("small.txt"));
        JobHandle after = transfers.copy(new CopyRequest(
                List.of(CopyItem.toNew(src.resolve("small.txt"), dst.resolve("small.txt"))),
                TransferOptions.of(dst, "5")));
        assertEquals("threadpool", after.await(WAIT).backend());
    }

    @Test
    public void aJobRunningWhenTheBackendStopsIsReportedInterruptedAfterTheRestart() throws Exception {
        Path src = newDirectory("src");
        Path dst = newDirectory("dst");
        Path big = src.resolve("big.bin");
        Files.write(big, new byte[8 << 20]);
        Files.writeString(dst.resolve("big.bin"), "old version");
        EntryFacts planned = file(
                Files.size(dst.resolve("big.bin")),
                Files.getLastModifiedTime(dst.resolve("big.bin")).toInstant());

        JobHandle h = transfers.copy(new CopyRequest(
                List.of(CopyItem.replacing(big, dst.resolve("big.bin"), planned)),
                TransferOptions.of(dst, "6").withBandwidth(1 << 20)));
        Bundle jobs = FrameworkUtil.getBundle(JobManager.class);
        jobs.stop();
        jobs.start();
        ServiceTracker<JobManager, JobManager> tracker = new ServiceTracker<>(bundleContext, JobManager.class, null);
        tracker.open();
        try {
            JobManager restarted = tracker.waitForService(TIMEOUT_MILLIS);
            assertNotNull(restarted);
            assertEquals(
                    "failed:interrupted", restarted.status(h.id()).orElseThrow().describe());
        } finally {
            tracker.close();
        }
        assertEquals("old version", Files.readString(dst.resolve("big.bin")));
        transfers.cleanEndpoint(dst);
        assertEquals(List.of(), list(Layout.tmp(dst)));
    }

    /** What a plan records for a file of this size and mtime, without its hash. */
    private static EntryFacts file(long size, Instant mtime) {
        long nanos = TimeUnit.SECONDS.toNanos(mtime.getEpochSecond()) + mtime.getNano();
        return new EntryFacts(EntryKind.FILE, size, nanos, -1, Optional.empty(), Optional.empty());
    }

    private static List<Path> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static boolean awaitEvent(BlockingQueue<Event> events, String jobId, String state) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            Event e = events.poll(1, TimeUnit.SECONDS);
            if (e != null
                    && jobId.equals(e.getProperty(JobEvents.PROPERTY_JOB_ID))
                    && e.getTopic().equals(JobEvents.TOPIC_PREFIX + state)) {
                return true;
            }
        }
        return false;
    }
}
