package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.Trigger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Conduits that sync by themselves (docs/schedules.md), in the real container: the scheduler starts
 * their runs through {@code syncNow}; the tests wait on the history and the stored schedule state,
 * with deadlines. The scheduler's delays are shortened for the container (max delay 6 s, first
 * backoff 2 s doubling to 8 s, catch-up 1 s).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchedulesIT extends FileSyncTestSupport {

    private static final Duration DELAY = Duration.ofSeconds(1);

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    /** Shortens the scheduler's delays for the container; the scheduler takes them without a restart. */
    @Before
    public void shortenTheSchedulersDelays() throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration("org.filesync.scheduler", null);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("max.delay.seconds", 6L);
        properties.put("catch.up.seconds", 1L);
        properties.put("backoff.min.seconds", 2L);
        properties.put("backoff.max.seconds", 8L);
        properties.put("endpoint.check.seconds", 1L);
        if (configuration.getProperties() == null
                || !"6".equals(String.valueOf(configuration.getProperties().get("max.delay.seconds")))) {
            configuration.update(properties);
        }
    }

    /** Stops the schedules before the shared clean-up deletes the conduits. */
    @After
    public void disableSchedules() throws InterruptedException {
        for (Conduit conduit : fileSync.listConduits()) {
            fileSync.updateConduit(conduit.id(), conduit.options().withEnabled(false));
        }
    }

    @Test
    public void anInstantMirrorCarriesAFileWrittenIntoTheSourceToTheTargetWithoutACommand() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Conduit conduit = create(source, target, "mirror", instant(), 50);
        Generation first = awaitVerified(conduit, 1);
        assertEquals("a new conduit makes its first run by itself", Trigger.INSTANT, first.trigger());

        Files.writeString(source.resolve("a.txt"), "written by a user");

        Generation carried = awaitVerified(conduit, first.number() + 1);
        assertEquals(Trigger.INSTANT, carried.trigger());
        assertEquals("written by a user", Files.readString(target.resolve("a.txt")));
        String history = executeOk("filesync:history " + conduit.id());
        assertTrue(history, history.contains("instant"));
        String listed = executeOk("filesync:conduit-list");
        assertTrue(listed, listed.contains("on change"));
    }

    @Test
    public void anInstantBidirectionalConduitCarriesChangesFromEitherEnd() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Conduit conduit = create(source, target, "bidirectional", instant(), 50);
        Generation first = awaitVerified(conduit, 1);

        Files.writeString(target.resolve("from-target.txt"), "target side");
        Generation back = awaitVerified(conduit, first.number() + 1);
        awaitCondition("from-target.txt in the source", () -> Files.exists(source.resolve("from-target.txt")));
        assertEquals("target side", Files.readString(source.resolve("from-target.txt")));

        Files.writeString(source.resolve("from-source.txt"), "source side");
        awaitVerified(conduit, back.number() + 1);
        assertEquals("source side", Files.readString(target.resolve("from-source.txt")));
    }

    @Test
    public void aBurstOfWritesGivesFewGenerationsAndAQuietTreeNoneAtAll() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Conduit conduit = create(source, target, "mirror", instant(), 50);
        Conduit disabled = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                newDirectory("never").toString(),
                ConduitOptions.defaults().withSchedule(instant()).withEnabled(false)));
        Generation first = awaitVerified(conduit, 1);

        for (int i = 0; i < 1000; i++) { // 1 000 files over about 5 s: a user's build, not a wait
            Files.writeString(source.resolve("f" + i + ".txt"), "file " + i);
            LockSupport.parkNanos(5_000_000);
        }
        awaitCondition(
                "the 1 000 files in the target, verified",
                () -> countFiles(target) == 1000
                        && latest(conduit)
                                .filter(g -> g.verification().equals(Generation.VERIFIED))
                                .isPresent()
                        && fileSync.activeRuns().isEmpty());
        long generations = fileSync.history(conduit.id()).size();
        assertTrue("a few generations for the burst, not one per file: " + generations, generations - 1 <= 4);

        // No event can show that nothing happens: the quiet tree is watched for ten times the delay.
        assertNoGenerationFor(conduit, generations, DELAY.multipliedBy(10));
        assertTrue(
                "a disabled conduit is never started",
                fileSync.history(disabled.id()).isEmpty());
        assertTrue(first.number() >= 1);
    }

    @Test
    public void aTreeWrittenToContinuouslyStillGetsARunWithinTheMaximumDelay() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Conduit conduit = create(source, target, "mirror", instant().withDelay(Duration.ofSeconds(3)), 50);
        Generation first = awaitVerified(conduit, 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; writing.get() && i < 40; i++) { // a write every second, never 3 s of quiet
                try {
                    Files.writeString(source.resolve("log" + i + ".txt"), "line " + i);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                LockSupport.parkNanos(1_000_000_000L);
            }
        });
        try {
            Generation during = awaitVerified(conduit, first.number() + 1);
            assertFalse("the run came while the tree was still being written", writer.isDone());
            assertEquals(Trigger.INSTANT, during.trigger());
            assertTrue(Files.exists(target.resolve("log0.txt")));
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    public void anIntervalConduitRunsAgainAtItsPeriod() throws Exception {
        Path source = newDirectory("src");
        Conduit conduit = create(source, newDirectory("dst"), "mirror", Schedule.every(Duration.ofSeconds(10)), 50);
        Generation first = awaitVerified(conduit, 1);
        Generation second = awaitVerified(conduit, first.number() + 1);

        assertEquals(Trigger.INTERVAL, first.trigger());
        assertEquals(Trigger.INTERVAL, second.trigger());
        Duration gap = Duration.between(first.verifiedAt().orElseThrow(), second.started());
        assertTrue("measured from the end of the previous run: " + gap, gap.compareTo(Duration.ofSeconds(9)) >= 0);
        String shown = executeOk("filesync:conduit-show " + conduit.id());
        assertTrue(shown, shown.contains("Next run"));
    }

    @Test
    public void failedScheduledRunsAreRetriedWithGrowingGapsAndASuccessResetsThem() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Conduit conduit = create(source, target, "mirror", instant(), 50);
        awaitVerified(conduit, 1);
        makeUnwritable(target);
        Files.writeString(source.resolve("x.txt"), "waits for the target");

        Duration firstGap = awaitFailures(conduit, 1);
        Duration secondGap = awaitFailures(conduit, 2);
        assertTrue(
                "the backoff grows: " + firstGap + " then " + secondGap,
                secondGap.compareTo(firstGap.plusMillis(500)) > 0);
        String shown = executeOk("filesync:conduit-show " + conduit.id());
        assertTrue(shown, shown.contains("retry at"));

        makeWritableAgain(target);
        awaitCondition(
                "a retry to succeed",
                () -> current(conduit).failures() == 0
                        && latest(conduit)
                                .filter(g -> g.verification().equals(Generation.VERIFIED))
                                .isPresent());
        assertEquals("waits for the target", Files.readString(target.resolve("x.txt")));
        assertEquals(Trigger.RETRY, latest(conduit).orElseThrow().trigger());
    }

    @Test
    public void aMaxDeleteRefusalHoldsTheConduitUntilAForcedSync() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (int i = 0; i < 10; i++) {
            Files.writeString(source.resolve("f" + i), "f" + i);
        }
        Conduit conduit = create(source, target, "mirror", instant(), 20);
        awaitVerified(conduit, 1);
        long generations = fileSync.history(conduit.id()).size();
        for (int i = 0; i < 5; i++) {
            Files.delete(source.resolve("f" + i));
        }

        awaitCondition("the conduit held", () -> current(conduit).held());
        String hold = current(conduit).hold().orElseThrow();
        assertTrue(hold, hold.startsWith("max-delete: Refusing to delete 5 of 10 files"));
        String listed = executeOk("filesync:conduit-list");
        assertTrue(listed, listed.contains("held: max-delete"));
        Files.writeString(source.resolve("more.txt"), "a change while held");
        assertNoGenerationFor(conduit, generations, DELAY.multipliedBy(3));
        assertTrue(Files.exists(target.resolve("f0")));

        String forced = executeOk("filesync:sync --wait --force " + conduit.id());
        assertTrue(forced, forced.contains("deleted=5"));
        awaitCondition(
                "the hold lifted by the person's sync", () -> !current(conduit).held());
        assertFalse(Files.exists(target.resolve("f0")));
    }

    @Test
    public void aRemovedSourceHoldsTheConduitAndTheHoldLiftsWhenItReturns() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.writeString(source.resolve("keep.txt"), "keep");
        Conduit conduit = create(source, target, "mirror", instant(), 50);
        awaitVerified(conduit, 1);
        Path away = source.resolveSibling(source.getFileName() + "-away");
        Files.move(source, away);
        try {
            Files.writeString(target.resolve("stray.txt"), "a change at the target end");

            awaitCondition("the conduit held", () -> current(conduit).held());
            assertTrue(
                    current(conduit).hold().orElseThrow(),
                    current(conduit).hold().get().startsWith("endpoint-missing"));
            assertTrue("nothing was deleted in the target", Files.exists(target.resolve("keep.txt")));
        } finally {
            Files.move(away, source);
        }
        awaitCondition("the hold lifted once the source is back", () -> !current(conduit)
                .held());
        assertTrue(Files.exists(target.resolve("keep.txt")));
    }

    @Test
    public void aSecondRequestDuringAScheduledRunIsRefused() throws Exception {
        Path source = newDirectory("src");
        Files.write(source.resolve("slow.bin"), new byte[1_000_000]);
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                newDirectory("dst").toString(),
                ConduitOptions.defaults().withSchedule(instant()).withBandwidthLimit(250_000)));
        awaitCondition("the scheduled run copying", () -> fileSync.activeRuns().stream()
                .anyMatch(run -> run.conduitId() == conduit.id() && run.phase() == Generation.Phase.COPYING));

        try {
            fileSync.syncNow(conduit.id(), false);
            fail("a second request during the scheduled run must be refused");
        } catch (SyncRefusedException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("is already syncing"));
        }
        Generation run = awaitVerified(conduit, 1);
        assertEquals(Trigger.INSTANT, run.trigger());
    }

    // --- helpers ---

    private static Schedule instant() {
        return Schedule.INSTANT.withDelay(DELAY);
    }

    private Conduit create(Path source, Path target, String mode, Schedule schedule, int maxDelete) {
        return fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults().withMode(mode).withSchedule(schedule).withMaxDeletePercent(maxDelete)));
    }

    private Optional<Generation> latest(Conduit conduit) {
        List<Generation> history = fileSync.history(conduit.id());
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(0));
    }

    private ScheduleState current(Conduit conduit) {
        return fileSync.getConduit(conduit.id()).orElseThrow().scheduleState();
    }

    /** Waits until generation {@code number} (or a later one) has ended verified, and returns it. */
    private Generation awaitVerified(Conduit conduit, long number) throws InterruptedException {
        Predicate<Generation> verified = g -> g.number() >= number
                && g.phase() == Generation.Phase.COMPLETED
                && g.verification().equals(Generation.VERIFIED);
        awaitCondition(
                "generation " + number + " of conduit " + conduit.id() + " verified",
                () -> fileSync.history(conduit.id()).stream().anyMatch(verified));
        Generation found = fileSync.history(conduit.id()).stream()
                .filter(verified)
                .reduce((newer, older) -> older)
                .orElseThrow();
        assertNotNull(found);
        return found;
    }

    /** Waits until {@code failures} scheduled runs have failed; returns how far off the retry was then. */
    private Duration awaitFailures(Conduit conduit, int failures) throws InterruptedException {
        awaitCondition(
                failures + " failed scheduled runs", () -> current(conduit).failures() >= failures);
        ScheduleState state = current(conduit);
        assertEquals(failures, state.failures());
        return Duration.between(Instant.now(), state.nextRun().orElseThrow());
    }

    /** Fails if the conduit gets more than {@code generations} generations within {@code quiet}. */
    private void assertNoGenerationFor(Conduit conduit, long generations, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            long now = fileSync.history(conduit.id()).size();
            assertEquals("no generation may start", generations, now);
            LockSupport.parkNanos(50_000_000);
        }
    }

    private static long countFiles(Path directory) {
        try (var files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
