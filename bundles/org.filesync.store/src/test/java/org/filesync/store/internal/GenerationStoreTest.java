package org.filesync.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConflictSide;
import org.filesync.api.Generation;
import org.filesync.api.Trigger;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.filesync.store.SequenceCheckpoint;
import org.junit.jupiter.api.Test;

/** Generations and checkpoints in the store on a real embedded Derby: numbering, plans, completion and failure. */
class GenerationStoreTest extends StoreTestSupport {

    @Test
    void generationsAreNumberedPerConduitAndListedNewestFirst() throws IOException {
        Conduit a = store.create(spec("a", "b"));
        Conduit c = store.create(spec("c", "d"));
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        Generation first = store.startGeneration(a.id(), now, List.of("copy\ta.txt", "delete\tb.txt"));
        Generation second = store.startGeneration(a.id(), now, List.of());
        Generation other = store.startGeneration(c.id(), now, List.of());
        assertEquals(1, first.number());
        assertEquals(2, second.number());
        assertEquals(1, other.number());
        assertEquals(2, store.get(a.id()).orElseThrow().currentGeneration());
        Generation done = new Generation(
                a.id(),
                1,
                now,
                Optional.of(now),
                Generation.Phase.FAILED,
                3,
                1,
                0,
                42,
                List.of("x.txt: permission denied", "y.txt: vanished"),
                "failed:interrupted",
                Optional.empty(),
                0,
                List.of());
        store.saveGeneration(done);
        assertEquals(
                List.of(2L, 1L),
                store.history(a.id()).stream().map(Generation::number).toList());
        assertEquals(done, store.generation(a.id(), 1).orElseThrow());
        assertEquals(List.of("copy\ta.txt", "delete\tb.txt"), store.plannedOperations(a.id(), 1));
        assertEquals(List.of(), store.plannedOperations(a.id(), 2));
    }

    @Test
    void aGenerationKeepsItsIgnoredCountAndWarnings() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        Generation started = store.startGeneration(created.id(), Instant.now(), List.of());
        assertEquals(0, started.ignored());
        assertEquals(List.of(), started.warnings());
        Generation done = new Generation(
                started.conduitId(),
                started.number(),
                started.started(),
                Optional.of(Instant.now()),
                Generation.Phase.COMPLETED,
                0,
                0,
                0,
                0,
                List.of(),
                Generation.VERIFIED,
                Optional.of(Instant.now()),
                12,
                List.of("p: kept: it holds 1 ignored entry (first: p/x.o) on target", "q: kept"));
        store.saveGeneration(done);
        Generation read = store.generation(created.id(), started.number()).orElseThrow();
        assertEquals(12, read.ignored());
        assertEquals(done.warnings(), read.warnings());
    }

    @Test
    void keepsTheLastAgreedCheckpoint() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        assertTrue(store.checkpoint(created.id()).isEmpty());
        agree(created.id(), new SequenceCheckpoint(12, 34));
        assertEquals(Optional.of(new SequenceCheckpoint(12, 34)), store.checkpoint(created.id()));
        assertThrows(ConduitNotFoundException.class, () -> agree(99, new SequenceCheckpoint(1, 1)));
    }

    @Test
    void aCheckpointKeepsTheFingerprintOfTheIgnoreRulesItWasReachedWith() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        agree(created.id(), new SequenceCheckpoint(5, 6, "ab12"));
        assertEquals("ab12", store.checkpoint(created.id()).orElseThrow().ignoreRules());
        agree(created.id(), new SequenceCheckpoint(7, 8));
        assertEquals("", store.checkpoint(created.id()).orElseThrow().ignoreRules());
    }

    @Test
    void completingAGenerationSavesItsBaselineDecisionsAndCheckpointTogether() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(11_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide(EntryKind.FILE, 1, at, Optional.empty()));
        store.recordConflicts(conduit.id(), 1, List.of(pending("p", "both_modified", side, side)), at);
        store.decideConflict(conduit.id(), "p", "source", at);
        Generation started = store.startGeneration(conduit.id(), at, List.of());
        BaselineRecord agreed =
                new BaselineRecord("p", new EntryFacts(EntryKind.FILE, 1, 2, 0644, Optional.empty(), Optional.empty()));

        Generation done = store.completeGeneration(
                completed(started),
                BaselineChanges.of(List.of(agreed), List.of()),
                Set.of("p"),
                Optional.of(new SequenceCheckpoint(5, 6, "ab")));

        assertEquals(Generation.Phase.COMPLETED, done.phase());
        assertEquals(Optional.of(done), store.generation(conduit.id(), started.number()));
        assertEquals(Optional.of(new SequenceCheckpoint(5, 6, "ab")), store.checkpoint(conduit.id()));
        assertTrue(store.decisionsToApply(conduit.id()).isEmpty());
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertEquals(List.of(agreed), reader.all());
        }
    }

    @Test
    void aCompletionThatCannotBeSavedSavesNoneOfIt() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Generation neverStarted = Generation.planned(conduit.id(), 7, Instant.now(), Trigger.MANUAL);
        BaselineRecord agreed =
                new BaselineRecord("p", new EntryFacts(EntryKind.FILE, 1, 2, 0644, Optional.empty(), Optional.empty()));

        assertThrows(
                IllegalArgumentException.class,
                () -> store.completeGeneration(
                        neverStarted,
                        BaselineChanges.of(List.of(agreed), List.of()),
                        Set.of(),
                        Optional.of(new SequenceCheckpoint(5, 6))));

        assertTrue(store.checkpoint(conduit.id()).isEmpty());
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertFalse(reader.any());
        }
    }

    @Test
    void aFailedGenerationIsSavedWithTheConduitsLastError() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Generation started = store.startGeneration(conduit.id(), Instant.now(), List.of());
        Generation failed = new Generation(
                conduit.id(),
                started.number(),
                started.started(),
                Optional.of(Instant.now()),
                Generation.Phase.FAILED,
                0,
                0,
                0,
                0,
                List.of("x: gone"),
                "failed:1 error",
                Optional.empty(),
                0,
                List.of());

        store.failGeneration(failed, "generation 1: x: gone");

        assertEquals(
                Generation.Phase.FAILED,
                store.generation(conduit.id(), 1).orElseThrow().phase());
        assertEquals(
                Optional.of("generation 1: x: gone"),
                store.get(conduit.id()).orElseThrow().lastError());
    }
}
