package org.filesync.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.Generation;
import org.filesync.api.Generation.Phase;
import org.filesync.api.SyncRefusedException;
import org.filesync.service.internal.EngineFakes.FakePlan;
import org.filesync.service.internal.EngineFakes.FakeResolver;
import org.filesync.service.internal.EngineFakes.MemoryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** How a run ends, against a store in memory: what is recorded of a refusal, a failure and a retry. */
class RunEndingsTest {

    @TempDir
    Path ends;

    private final MemoryStore store = new MemoryStore();
    private final Map<Long, SyncRun> runs = new ConcurrentHashMap<>();
    private final List<Long> retried = new CopyOnWriteArrayList<>();
    private RunEndings endings;
    private Conduit conduit;

    @BeforeEach
    void endings() throws IOException {
        conduit = store.add(
                ConduitOptions.defaults().withVerifyRetry(true),
                Files.createDirectory(ends.resolve("src")),
                Files.createDirectory(ends.resolve("dst")));
        EventAdmin noEvents = new EventAdmin() {
            @Override
            public void postEvent(Event event) {}

            @Override
            public void sendEvent(Event event) {}
        };
        endings = new RunEndings(
                store.stores(),
                new SyncEvents(noEvents),
                new FakeResolver(),
                runs,
                (conduit, run, steps, activities) -> {
                    throw new AssertionError("the mode keeps no baseline: nothing is verified");
                },
                conduitId -> {
                    retried.add(conduitId);
                    return new SyncRun(conduitId, true);
                });
    }

    @Test
    void aRefusalIsTheConduitsLastErrorAndAnyOtherFailureToStartIsNot() {
        endings.recordRefusal(conduit, new SyncRefusedException("the index did not settle"));
        endings.recordRefusal(conduit, new IllegalStateException("a bug"));

        assertEquals(List.of("refused: the index did not settle"), store.errors);
    }

    @Test
    void aFailureThatCouldNotBeRecordedIsRecordedBeforeTheConduitsNextRun() {
        SyncRun run = plannedRun(false);
        store.failFailures = new IllegalStateException("database gone");

        Generation failed = endings.failQuietly(conduit, run, "interrupted: the filesync service stopped");

        assertEquals(Phase.FAILED, failed.phase());
        assertEquals(Phase.PLANNED, store.newest(conduit.id()).phase(), "nothing recorded while the database is gone");
        assertThrows(IllegalStateException.class, () -> endings.recordUnrecordedFailure(conduit.id()));

        store.failFailures = null;
        endings.recordUnrecordedFailure(conduit.id());
        endings.recordUnrecordedFailure(conduit.id());

        assertEquals(Phase.FAILED, store.newest(conduit.id()).phase());
        assertEquals(List.of("generation 1: " + failed.failureReason()), store.errors, "recorded once");
    }

    @Test
    void aRunWhoseVerificationFoundDifferencesEndsAndIsRetriedOnce() {
        SyncRun run = savingRun(false);

        endings.finish(conduit, run, stillDiffering(run));

        assertEquals(List.of(conduit.id()), retried);
        assertFalse(runs.containsKey(conduit.id()));
        assertTrue(run.completion().toCompletableFuture().isDone());

        endings.finish(conduit, savingRun(true), stillDiffering(run));

        assertEquals(List.of(conduit.id()), retried, "a retry is not retried");
    }

    private SyncRun plannedRun(boolean retry) {
        SyncRun run = new SyncRun(conduit.id(), retry);
        runs.put(conduit.id(), run);
        run.advance(Phase.RESOLVING);
        run.planned(
                FakePlan.of(List.of("a"), List.of()), store.startGeneration(conduit.id(), Instant.now(), List.of()));
        return run;
    }

    private SyncRun savingRun(boolean retry) {
        SyncRun run = plannedRun(retry);
        for (Phase phase : List.of(Phase.COPYING, Phase.DELETING, Phase.VERIFYING, Phase.SAVING)) {
            run.advance(phase);
        }
        return run;
    }

    private static Generation stillDiffering(SyncRun run) {
        Generation done = run.generationNow(Phase.COMPLETED, List.of());
        return new Generation(
                done.conduitId(),
                done.number(),
                done.started(),
                done.completed(),
                Phase.COMPLETED,
                done.filesCopied(),
                done.filesDeleted(),
                done.conflicts(),
                done.bytes(),
                done.errors(),
                Generation.FAILED_PREFIX + "1 path still differs (a content)",
                Optional.of(Instant.now()),
                done.ignored(),
                done.warnings(),
                done.trigger());
    }
}
