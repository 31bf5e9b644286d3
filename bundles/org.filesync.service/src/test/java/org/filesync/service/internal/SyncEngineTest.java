package org.filesync.service.internal;

import static org.filesync.service.internal.EngineFakes.TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.Generation;
import org.filesync.api.Generation.Phase;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncProgress;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.Trigger;
import org.filesync.api.path.Witness;
import org.filesync.service.internal.EngineFakes.FakePlan;
import org.filesync.service.internal.EngineFakes.FakeResolver;
import org.filesync.service.internal.EngineFakes.FakeTransfer;
import org.filesync.service.internal.EngineFakes.FakeVerifier;
import org.filesync.service.internal.EngineFakes.MemoryStore;
import org.filesync.service.internal.EngineFakes.SettlingIndex;
import org.filesync.transfer.ContentHash;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.WrittenFiles;
import org.filesync.verification.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The run engine against small fakes: phases, refusals, a failure at every phase, stopping, recovery. */
class SyncEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path ends;

    private final MemoryStore store = new MemoryStore();
    private final SettlingIndex index = new SettlingIndex();
    private final FakeTransfer transfer = new FakeTransfer();
    private final FakeVerifier verifier = new FakeVerifier();
    private final FakeResolver resolver = new FakeResolver();
    private final List<String> topics = new CopyOnWriteArrayList<>();
    /** The activity and copied count of each progress event that names an activity. */
    private final List<String> activities = new CopyOnWriteArrayList<>();

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile ResolvedRun plan = FakePlan.of(List.of("a", "b"), List.of("old"));
    private volatile RuntimeException planFailure;
    private CompletableFuture<Void> recovered = CompletableFuture.completedFuture(null);
    private Conduit conduit;

    @BeforeEach
    void conduit() throws Exception {
        conduit = store.add(
                ConduitOptions.defaults().withMaxDeletePercent(100),
                java.nio.file.Files.createDirectory(ends.resolve("src")),
                java.nio.file.Files.createDirectory(ends.resolve("dst")));
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private SyncEngine engine() {
        EventAdmin events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                topics.add(event.getTopic());
                if (event.containsProperty(FileSyncEvents.PROPERTY_ACTIVITY)) {
                    activities.add(event.getProperty(FileSyncEvents.PROPERTY_ACTIVITY) + " (copied "
                            + event.getProperty("files.copied") + ")");
                }
            }

            @Override
            public void sendEvent(Event event) {
                topics.add(event.getTopic());
            }
        };
        Planner planner = resolving -> {
            if (planFailure != null) {
                throw planFailure;
            }
            return plan;
        };
        SyncEngine engine = new SyncEngine(
                store.stores(),
                index,
                transfer,
                planner,
                new RunRequests(index, store, store),
                resolver,
                new SyncEvents(events),
                verifier,
                executor,
                recovered);
        engine.configure(Duration.ofSeconds(2), WAIT);
        return engine;
    }

    // --- the path of a run ---

    @Test
    void aRunGoesThroughEveryPhaseInOrderAndEndsVerified() throws Exception {
        SyncEngine engine = engine();
        transfer.hold();
        SyncHandle run = engine.start(conduit.id(), false, Trigger.MANUAL);
        awaitTrue(() -> transfer.dispatched.size() == 1);
        assertEquals(Phase.COPYING, phaseOf(engine));
        transfer.release();
        awaitTrue(() -> transfer.dispatched.size() == 2);
        assertEquals(Phase.DELETING, phaseOf(engine));
        transfer.release();

        Generation done = run.await(WAIT);

        assertEquals(Phase.COMPLETED, done.phase());
        assertEquals(Generation.VERIFIED, done.verification());
        assertEquals(2, done.filesCopied());
        assertEquals(1, done.filesDeleted());
        assertEquals(List.of("copy", "delete"), transfer.kinds(), "copies first, then deletes");
        assertEquals(List.of(done), store.history(conduit.id()));
        assertEquals(
                List.of(
                        FileSyncEvents.SYNC_STARTED,
                        FileSyncEvents.SYNC_PROGRESS,
                        FileSyncEvents.SYNC_PROGRESS,
                        FileSyncEvents.SYNC_PROGRESS,
                        FileSyncEvents.VERIFICATION_COMPLETED,
                        FileSyncEvents.SYNC_COMPLETED),
                topics);
        // each activity of the verification is a progress event, with the counts the generation reports
        assertEquals(List.of("rescanning 3 paths (copied 2)", "resolving again (copied 2)"), activities);
        assertTrue(engine.active().isEmpty());
        assertFalse(engine.isRunning(conduit.id()));
    }

    @Test
    void theFilesACopyWroteWithAHashAreAnnouncedToTheIndex() throws Exception {
        SyncEngine engine = engine();
        engine.start(conduit.id(), false, Trigger.MANUAL).await(WAIT);
        Witness witness = new Witness(1, 2, 3, 4, 5);

        WrittenFiles written = transfer.copyRequests.get(0).written();
        written.written(TARGET.resolve("a"), witness, ContentHash.sha256("ab"));
        written.written(TARGET.resolve("b"), witness, new ContentHash("MD5", "cd"));

        assertEquals(
                List.of(TARGET.resolve("a") + " " + witness + " ab"),
                index.announced,
                "a hash of another algorithm than the index's is not announced");
    }

    @Test
    void theVerificationResolvesWithTheSameRulesAsThePlan() throws Exception {
        store.checkpoints.put(conduit.id(), new org.filesync.store.SequenceCheckpoint(4, 7));
        engine().start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(1, verifier.requests.size());
        var resolution = verifier.requests.get(0).resolution();
        assertEquals(Optional.of(new org.filesync.resolver.Checkpoint(4, 7)), resolution.checkpoint());
        assertEquals(conduit.options().conflictStrategy(), resolution.conflictStrategy());
        assertEquals(conduit.source(), verifier.requests.get(0).source());
    }

    @Test
    void everyPhaseMovesOnlyToTheNextOrToFailed() {
        SyncRun run = new SyncRun(1, false);
        assertThrows(IllegalStateException.class, () -> run.advance(Phase.COPYING));
        run.advance(Phase.RESOLVING);
        assertThrows(IllegalStateException.class, () -> run.advance(Phase.SETTLING));
        assertThrows(IllegalStateException.class, () -> run.advance(Phase.VERIFYING));
        run.advance(Phase.FAILED);
        for (Phase next : Phase.values()) {
            assertThrows(IllegalStateException.class, () -> run.advance(next), "a failed run stays failed");
        }
    }

    // --- one run per conduit ---

    @Test
    void aSecondRequestIsRefusedWhileTheFirstWaitsForTheIndexAndTheWaitingRunIsShown() throws Exception {
        SyncEngine engine = engine();
        index.hold();
        Future<SyncHandle> first = executor.submit(() -> engine.start(conduit.id(), false, Trigger.MANUAL));
        awaitTrue(() -> phaseOf(engine) == Phase.SETTLING);

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> engine.start(conduit.id(), false, Trigger.MANUAL));

        assertEquals("Conduit 1 is already syncing (settling)", refused.getMessage());
        SyncProgress settling = engine.active().get(0);
        assertEquals(0, settling.generation(), "no generation exists yet");
        index.release();
        assertEquals(
                Phase.COMPLETED, first.get(10, TimeUnit.SECONDS).await(WAIT).phase());
        assertEquals(1, store.history(conduit.id()).size(), "the refused request made no generation");
    }

    @Test
    void aSecondRequestIsRefusedWhileTheJobsRunAndNamesTheGeneration() throws Exception {
        SyncEngine engine = engine();
        transfer.hold();
        SyncHandle run = engine.start(conduit.id(), false, Trigger.MANUAL);

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> engine.start(conduit.id(), false, Trigger.MANUAL));

        assertEquals("Conduit 1 is already syncing (generation 1)", refused.getMessage());
        awaitTrue(() -> transfer.dispatched.size() == 1);
        transfer.release();
        awaitTrue(() -> transfer.dispatched.size() == 2);
        transfer.release();
        run.await(WAIT);
    }

    @Test
    void ofManyRequestsAtOnceExactlyOneRuns() throws Exception {
        SyncEngine engine = engine();
        index.hold();
        int requests = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SyncHandle>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(executor.submit(() -> {
                go.await();
                return engine.start(conduit.id(), false, Trigger.MANUAL);
            }));
        }
        go.countDown();
        awaitTrue(() -> phaseOf(engine) == Phase.SETTLING);
        awaitTrue(() -> calls.stream().filter(Future::isDone).count() == requests - 1);
        index.release();
        int started = 0;
        for (Future<SyncHandle> call : calls) {
            try {
                call.get(10, TimeUnit.SECONDS).await(WAIT);
                started++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(
                        e.getCause() instanceof SyncRefusedException,
                        e.getCause().toString());
            }
        }
        assertEquals(1, started);
        assertEquals(1, store.history(conduit.id()).size());
    }

    // --- a failure at each phase ---

    @Test
    void anIndexThatDoesNotSettleRefusesTheRunWithoutAGeneration() {
        SyncEngine engine = engine();
        index.hold();

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> engine.start(conduit.id(), false, Trigger.MANUAL));

        assertTrue(refused.getMessage().startsWith("The index did not settle within 2s"), refused.getMessage());
        assertTrue(store.history(conduit.id()).isEmpty());
        assertEquals(List.of("refused: " + refused.getMessage()), store.errors);
        assertFalse(engine.isRunning(conduit.id()));
        assertTrue(transfer.dispatched.isEmpty());
    }

    @Test
    void aPlanThatCannotBeResolvedRefusesTheRunWithoutAGeneration() {
        SyncEngine engine = engine();
        planFailure = new SyncRefusedException("Mode 'selective' is not available");

        assertThrows(SyncRefusedException.class, () -> engine.start(conduit.id(), false, Trigger.MANUAL));

        assertTrue(store.history(conduit.id()).isEmpty());
        assertFalse(engine.isRunning(conduit.id()));
    }

    @Test
    void aConduitWhoseDeleteStrategyIsNotRegisteredIsRefusedNamingItUntilItReturns() throws Exception {
        SyncEngine engine = engine();
        transfer.deleteStrategies.remove(DeleteStrategy.TRASH);

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> engine.start(conduit.id(), false, Trigger.MANUAL));

        assertEquals(
                "No delete strategy 'trash' is available: conduit " + conduit.id() + " cannot sync until it is",
                refused.getMessage());
        assertThrows(SyncRefusedException.class, () -> engine.dryRun(conduit.id(), false));
        assertTrue(transfer.dispatched.isEmpty());
        assertTrue(store.history(conduit.id()).isEmpty());
        assertEquals(List.of("refused: " + refused.getMessage()), store.errors, "the conduit's last error");

        transfer.deleteStrategies.add(DeleteStrategy.TRASH);
        assertEquals(
                Phase.COMPLETED,
                engine.start(conduit.id(), false, Trigger.MANUAL).await(WAIT).phase());
    }

    @Test
    void aPlanOverTheDeleteLimitIsRefusedBeforeAnyJobUnlessForced() throws Exception {
        conduit = store.add(ConduitOptions.defaults().withMaxDeletePercent(10), conduit.source(), conduit.target());
        plan = new FakePlan(List.of(), List.of(), List.of(), List.of("x", "y"), 4, List.of());
        SyncEngine engine = engine();

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> engine.start(conduit.id(), false, Trigger.MANUAL));

        assertTrue(refused.getMessage().startsWith("Refusing to delete 2 of 4 files"), refused.getMessage());
        assertTrue(transfer.dispatched.isEmpty());
        assertTrue(store.history(conduit.id()).isEmpty());
        assertEquals(List.of("refused: " + refused.getMessage()), store.errors, "the conduit's last error");
        assertEquals(
                2, engine.start(conduit.id(), true, Trigger.MANUAL).await(WAIT).filesDeleted());
    }

    @Test
    void aDryRunIsRefusedByTheChecksOfARunWithItsMessageAndStoresNothing() throws Exception {
        conduit = store.add(ConduitOptions.defaults().withMaxDeletePercent(10), conduit.source(), conduit.target());
        plan = new FakePlan(List.of(), List.of(), List.of(), List.of("x", "y"), 4, List.of());
        SyncEngine engine = engine();

        SyncRefusedException dry = assertThrows(SyncRefusedException.class, () -> engine.dryRun(conduit.id(), false));
        assertTrue(store.errors.isEmpty(), "a dry run's refusal is no last error");
        SyncRefusedException real =
                assertThrows(SyncRefusedException.class, () -> engine.start(conduit.id(), false, Trigger.MANUAL));

        assertEquals(real.getMessage(), dry.getMessage());
        assertEquals(2, engine.dryRun(conduit.id(), true).deletes(), "a forced dry run plans as a forced run");
        assertTrue(store.history(conduit.id()).isEmpty());
        assertTrue(transfer.dispatched.isEmpty());

        Conduit disabled = store.add(ConduitOptions.defaults().withEnabled(false), conduit.source(), conduit.target());
        SyncRefusedException off = assertThrows(SyncRefusedException.class, () -> engine.dryRun(disabled.id(), true));
        assertEquals(
                assertThrows(SyncRefusedException.class, () -> engine.start(disabled.id(), true, Trigger.MANUAL))
                        .getMessage(),
                off.getMessage());
        assertTrue(off.getMessage().contains("is disabled"), off.getMessage());
    }

    @Test
    void aFailedConflictCopySkipsEverythingElse() throws Exception {
        plan = FakePlan.of(List.of("a"), List.of("old")).preserving("a (conflict)");
        transfer.failing.add(TARGET.resolve("a (conflict)"));

        Generation failed = engine().start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(Phase.FAILED, failed.phase());
        assertEquals(List.of("copy"), transfer.kinds());
        assertEquals(0, failed.filesCopied());
        assertEquals(
                "copies and deletes skipped: 1 conflict copy error(s)",
                failed.errors().get(0));
    }

    @Test
    void aFailedDisplacementSkipsTheCopiesAndTheDeletesAndCountsNothingCopied() throws Exception {
        plan = FakePlan.of(List.of("dir/sub"), List.of("old")).displacing("dir/sub/f.txt", "dir/sub");
        transfer.failing.add(TARGET.resolve("dir/sub"));

        Generation failed = engine().start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(Phase.FAILED, failed.phase());
        assertEquals(List.of("delete"), transfer.kinds(), "only the displacement ran");
        assertEquals(0, failed.filesCopied(), "nothing was copied");
        assertEquals(0, failed.filesDeleted());
        assertEquals(
                "copies and deletes skipped: 1 displacement error(s)",
                failed.errors().get(0));
        assertEquals(List.of("generation 1: " + failed.failureReason()), store.errors);
    }

    @Test
    void aFailedCopySkipsTheDeletesAndCountsOnlyWhatWasCopied() throws Exception {
        transfer.failing.add(TARGET.resolve("b"));

        Generation failed = engine().start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(Phase.FAILED, failed.phase());
        assertEquals(List.of("copy"), transfer.kinds(), "no delete after a failed copy");
        assertEquals(1, failed.filesCopied());
        assertEquals("deletes skipped: 1 path(s) not synced", failed.errors().get(0));
        assertTrue(verifier.requests.isEmpty(), "a mirror records no baseline after a failure");
    }

    @Test
    void aFailedRunOfAModeThatKeepsABaselineRecordsWhatItSynced() throws Exception {
        resolver.keepingBaseline.add(conduit.options().mode());
        transfer.failing.add(TARGET.resolve("b"));

        engine().start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(1, verifier.requests.size(), "the ends are resolved again to record what agreed");
    }

    @Test
    void aFailedDeleteFailsTheGenerationAfterTheCopies() throws Exception {
        transfer.failing.add(TARGET.resolve("old"));

        Generation failed = engine().start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(Phase.FAILED, failed.phase());
        assertEquals(2, failed.filesCopied());
        assertEquals(0, failed.filesDeleted());
    }

    @Test
    void aVerificationThatFindsDifferencesCompletesTheGenerationUnverified() throws Exception {
        verifier.status = Verification.FAILED_PREFIX + "1 path still differs (a content)";

        Generation done = engine().start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(Phase.COMPLETED, done.phase());
        assertEquals("failed:1 path still differs (a content)", done.verification());
        assertTrue(store.checkpoints.isEmpty(), "no checkpoint without agreement");
    }

    @Test
    void aStoreFailureWhileSavingFailsTheGenerationAndEndsTheRun() throws Exception {
        verifier.answer = request -> new Verification(
                Verification.VERIFIED,
                Optional.of(new org.filesync.resolver.Checkpoint(1, 1)),
                Instant.now(),
                List.of());
        store.failCheckpoint = new IllegalStateException("database gone");
        SyncEngine engine = engine();

        Generation failed = engine.start(conduit.id(), false, Trigger.MANUAL).await(WAIT);

        assertEquals(Phase.FAILED, failed.phase());
        assertTrue(failed.failureReason().contains("database gone"), failed.failureReason());
        assertEquals(Phase.FAILED, store.newest(conduit.id()).phase());
        assertFalse(engine.isRunning(conduit.id()));
    }

    // --- stopping and recovery ---

    @Test
    void stoppingTheServiceFailsTheRunningGenerationAndStartsNoDelete() throws Exception {
        SyncEngine engine = engine();
        transfer.hold();
        SyncHandle run = engine.start(conduit.id(), false, Trigger.MANUAL);
        awaitTrue(() -> transfer.dispatched.size() == 1);

        executor.shutdownNow();

        Generation stopped = run.await(WAIT);
        assertEquals(Phase.FAILED, stopped.phase());
        assertTrue(stopped.failureReason().startsWith("interrupted"), stopped.failureReason());
        assertEquals(List.of("copy"), transfer.kinds());
        assertFalse(engine.isRunning(conduit.id()));
    }

    @Test
    void aRunRequestedBeforeTheRecoveryHasEndedWaitsForItSoThatTheRecoveryNeverFailsIt() throws Exception {
        store.startGeneration(conduit.id(), Instant.now(), List.of()); // left running by the previous container
        CountDownLatch asked = new CountDownLatch(1);
        recovered = new CompletableFuture<>() {
            @Override
            public Void get(long timeout, TimeUnit unit)
                    throws InterruptedException, java.util.concurrent.ExecutionException,
                            java.util.concurrent.TimeoutException {
                asked.countDown();
                return super.get(timeout, unit);
            }
        };
        SyncEngine engine = engine();
        Future<SyncHandle> waiting = executor.submit(() -> engine.start(conduit.id(), false, Trigger.MANUAL));
        assertTrue(asked.await(10, TimeUnit.SECONDS), "the request waits for the recovery");
        assertFalse(engine.isRunning(conduit.id()));

        new StartupRecovery(store, store, transfer).run();
        recovered.complete(null);

        assertEquals(
                Phase.COMPLETED, waiting.get(10, TimeUnit.SECONDS).await(WAIT).phase());
        assertEquals(
                "failed:interrupted",
                store.generation(conduit.id(), 1).orElseThrow().verification());
        assertEquals(
                Generation.VERIFIED,
                store.generation(conduit.id(), 2).orElseThrow().verification());
    }

    @Test
    void theRecoveryFailsTheGenerationsAPreviousContainerLeftRunning() {
        store.startGeneration(conduit.id(), Instant.now(), List.of());

        new StartupRecovery(store, store, transfer).run();

        Generation recovered = store.newest(conduit.id());
        assertEquals(Phase.FAILED, recovered.phase());
        assertEquals("failed:interrupted", recovered.verification());
    }

    @Test
    void aRecoveryThatDoesNotEndInTimeRefusesTheRun() {
        recovered = new CompletableFuture<>();

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> engine().start(conduit.id(), false, Trigger.MANUAL));

        assertTrue(refused.getMessage().contains("still recovering"), refused.getMessage());
    }

    private static Phase phaseOf(SyncEngine engine) {
        List<SyncProgress> active = engine.active();
        return active.isEmpty() ? null : active.get(0).phase();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
