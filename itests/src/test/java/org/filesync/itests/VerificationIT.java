package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.Generation;
import org.filesync.api.SyncHandle;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Trust Watcher verification (docs/run-phases.md, step 6): every generation proves itself against a
 * fresh index, in the real container with real files.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VerificationIT extends FileSyncTestSupport {

    /** A short verification timeout, so that the timeout case is quick to show. */
    @Override
    protected Option[] extraOptions() {
        return options(editConfigurationFilePut("etc/org.filesync.service.cfg", "verification.timeout.seconds", "5"));
    }

    @Test
    public void aNormalMirrorRunEndsVerified() throws Exception {
        Path source = newDirectory("src");
        Files.writeString(source.resolve("a.txt"), "a");
        Conduit conduit = fileSync.createConduit(
                ConduitSpec.of(source.toString(), newDirectory("dst").toString()));
        Generation generation = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
        assertEquals(Generation.VERIFIED, generation.verification());
        assertTrue(generation.verifiedAt().isPresent());
        assertEquals(generation, fileSync.history(conduit.id()).get(0));
    }

    @Test
    public void theProgressNamesEachStepOfTheVerificationWithTheCountsTheGenerationReports() throws Exception {
        Path source = newDirectory("src");
        for (int i = 0; i < 30; i++) {
            Files.writeString(
                    Files.createDirectories(source.resolve("d" + (i % 3))).resolve("f" + i + ".txt"), "f" + i);
        }
        Conduit conduit = fileSync.createConduit(
                ConduitSpec.of(source.toString(), newDirectory("dst").toString()));
        List<Event> progress = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, FileSyncEvents.SYNC_PROGRESS);
        topics.put(EventConstants.EVENT_FILTER, "(" + FileSyncEvents.PROPERTY_CONDUIT_ID + "=" + conduit.id() + ")");
        ServiceRegistration<EventHandler> handler =
                bundleContext.registerService(EventHandler.class, progress::add, topics);
        Generation generation;
        List<String> activities;
        try {
            generation = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
            assertEquals(Generation.VERIFIED, generation.verification());
            // events are delivered in the order they were posted: the last activity's comes last
            awaitCondition("the progress of the last verification step", () -> activities(progress)
                    .contains("resolving again"));
            activities = activities(progress);
        } finally {
            handler.unregister();
        }

        assertEquals(activities.toString(), 4, activities.size());
        assertEquals("catching up with the watcher", activities.get(0));
        assertTrue(
                activities.get(1),
                activities.get(1).matches("rescanning (\\d+ whole ends?( and \\d+ paths?)?|\\d+ paths?)"));
        assertEquals(List.of("waiting for the index to settle", "resolving again"), activities.subList(2, 4));
        assertEquals(30, generation.filesCopied());
        for (Event event : progress) {
            if (event.containsProperty(FileSyncEvents.PROPERTY_ACTIVITY)) {
                assertEquals(event.toString(), "VERIFYING", event.getProperty("phase"));
                assertEquals(event.toString(), generation.filesCopied(), event.getProperty("files.copied"));
                assertEquals(event.toString(), generation.filesDeleted(), event.getProperty("files.deleted"));
                assertEquals(event.toString(), generation.bytes(), event.getProperty("bytes.done"));
            }
        }
    }

    private static List<String> activities(List<Event> progress) {
        return progress.stream()
                .filter(event -> event.containsProperty(FileSyncEvents.PROPERTY_ACTIVITY))
                .map(event -> (String) event.getProperty(FileSyncEvents.PROPERTY_ACTIVITY))
                .toList();
    }

    @Test
    public void aRunThatChangesNothingIsStillVerified() throws Exception {
        Path source = newDirectory("src");
        Files.writeString(source.resolve("a.txt"), "a");
        Conduit conduit = fileSync.createConduit(
                ConduitSpec.of(source.toString(), newDirectory("dst").toString()));
        fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
        Generation second = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
        assertEquals(0, second.filesCopied());
        assertEquals(Generation.VERIFIED, second.verification());
    }

    @Test
    public void aTargetEditedAfterItsCopyFailsVerificationAndTheRetryGenerationEndsVerified() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.writeString(source.resolve("a.txt"), "from source");
        Files.write(source.resolve("z.bin"), randomBytes(500_000));
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults()
                        .withParallelTransfers(1)
                        .withBandwidthLimit(250_000)
                        .withVerifyRetry(true)));

        SyncHandle run = fileSync.syncNow(conduit.id(), false);
        // a.txt is copied first; z.bin keeps the run busy for about two seconds after it.
        Path copied = target.resolve("a.txt");
        awaitCondition("a.txt to land in the target", () -> contentIs(copied, "from source"));
        Files.writeString(copied, "edited by the user");
        Generation first = run.await(RUN_TIMEOUT);

        assertEquals(Generation.Phase.COMPLETED, first.phase());
        assertEquals("failed:1 path still differs (a.txt content)", first.verification());

        awaitCondition("the retry generation to end", () -> fileSync.history(conduit.id()).stream()
                .anyMatch(
                        g -> g.number() == first.number() + 1 && g.verifiedAt().isPresent()));
        Generation retry = fileSync.history(conduit.id()).get(0);
        assertEquals(first.number() + 1, retry.number());
        assertEquals(Generation.VERIFIED, retry.verification());
        assertEquals("from source", Files.readString(copied));
        Path kept = target.resolve(".filesync/trash/" + retry.number() + "/a.txt");
        assertEquals("edited by the user", Files.readString(kept));
        assertEquals(2, fileSync.history(conduit.id()).size());
    }

    @Test
    public void aVerificationThatNeverSeesASettledIndexTimesOutAndTheNextRunWorks() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.write(source.resolve("z.bin"), randomBytes(400_000));
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(), target.toString(), ConduitOptions.defaults().withBandwidthLimit(200_000)));

        SyncHandle run = fileSync.syncNow(conduit.id(), false);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try {
                while (writing.get()) {
                    Files.writeString(
                            source.resolve("noise.log"),
                            "line\n",
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    // a log written every millisecond: never quiet for a whole debounce window, and
                    // written again before the index has applied the last write, so that even a
                    // flush of the pending events (the rescan) cannot leave the location settled
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        Generation generation;
        try {
            generation = run.await(RUN_TIMEOUT);
        } finally {
            writing.set(false);
            writer.join();
        }
        // Which step times out depends on how busy the index is: rescanning, or settling.
        assertTrue(generation.verification(), generation.verification().startsWith("failed:timeout:waiting_"));
        assertTrue(fileSync.activeRuns().isEmpty());

        Generation next = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
        assertEquals(Generation.VERIFIED, next.verification());
        assertEquals(Files.size(source.resolve("noise.log")), Files.size(target.resolve("noise.log")));
    }

    @Test
    public void historyShowsEachGenerationsStatusAndVerificationTime() throws Exception {
        Path source = newDirectory("src");
        Files.writeString(source.resolve("a.txt"), "a");
        Conduit conduit = fileSync.createConduit(
                ConduitSpec.of(source.toString(), newDirectory("dst").toString()));
        fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
        String history = executeOk("filesync:history " + conduit.id());
        String row = List.of(history.split("\\R")).get(2);
        assertTrue(row, row.contains("verified"));
        assertTrue(row, row.matches(".*verified\\s*\\|\\s*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}.*"));
    }

    private static boolean contentIs(Path file, String content) {
        try {
            return Files.exists(file) && Files.readString(file).equals(content);
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
