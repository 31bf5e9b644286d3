package org.filesync.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.Conduit;
import org.filesync.api.ConflictSide;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.PathConflict;
import org.filesync.api.path.EntryKind;
import org.filesync.store.DetectedConflict;
import org.filesync.store.SequenceCheckpoint;
import org.junit.jupiter.api.Test;

/** The conflict queue and the users' decisions in the store on a real embedded Derby. */
class ConflictStoreTest extends StoreTestSupport {

    @Test
    void aPendingConflictIsQueuedOnceAndAUserDecisionWaitsToBeApplied() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(1_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide(EntryKind.FILE, 3, at, Optional.of("ab")));
        store.recordConflicts(conduit.id(), 1, List.of(pending("p.txt", "both_modified", side, side)), at);
        store.recordConflicts(
                conduit.id(), 2, List.of(pending("p.txt", "deleted_vs_modified", Optional.empty(), side)), at);
        List<PathConflict> pending = store.pendingConflicts(conduit.id());
        assertEquals(1, pending.size());
        assertEquals(2, pending.get(0).generation());
        assertEquals(Optional.empty(), pending.get(0).source());
        assertEquals(side, pending.get(0).target());
        assertThrows(InvalidRequestException.class, () -> store.decideConflict(conduit.id(), "other", "source", at));
        PathConflict decided = store.decideConflict(conduit.id(), "p.txt", "target", at);
        assertEquals(PathConflict.Status.RESOLVED, decided.status());
        assertEquals(Optional.of("user"), decided.resolvedBy());
        assertTrue(store.pendingConflicts(conduit.id()).isEmpty());
        assertEquals(Map.of("p.txt", "target"), store.decisionsToApply(conduit.id()));
        applyDecisions(conduit.id(), Set.of("p.txt"));
        assertTrue(store.decisionsToApply(conduit.id()).isEmpty());
        assertEquals(1, store.allConflicts(conduit.id()).size());
    }

    @Test
    void theRunThatAppliesAUserDecisionRecordsTheSameConflictNotASecondOne() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(2_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide(EntryKind.FILE, 3, at, Optional.of("ab")));
        store.recordConflicts(conduit.id(), 1, List.of(pending("p.txt", "both_modified", side, side)), at);
        store.decideConflict(conduit.id(), "p.txt", "source", at.plusSeconds(1));

        List<PathConflict> recorded = store.recordConflicts(
                conduit.id(),
                2,
                List.of(new DetectedConflict("p.txt", "both_modified", side, side, Optional.of("source"), "user")),
                at.plusSeconds(2));

        List<PathConflict> all = store.allConflicts(conduit.id());
        assertEquals(1, all.size(), all.toString());
        assertEquals(recorded, all);
        assertEquals(2, all.get(0).generation());
        assertEquals(Optional.of("source"), all.get(0).resolution());
        assertEquals(Optional.of("user"), all.get(0).resolvedBy());
        assertEquals(Optional.of(at.plusSeconds(1)), all.get(0).resolved(), "resolved when the user decided");
        // the decision still waits until a generation has applied it (a failed run must not lose it)
        assertEquals(Map.of("p.txt", "source"), store.decisionsToApply(conduit.id()));
        applyDecisions(conduit.id(), Set.of("p.txt"));
        assertTrue(store.decisionsToApply(conduit.id()).isEmpty());
        assertEquals(1, store.allConflicts(conduit.id()).size());
    }

    @Test
    void aStrategyResolvedConflictIsRecordedResolved() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(5_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide(EntryKind.FILE, 1, at, Optional.empty()));
        PathConflict recorded = store.recordConflicts(
                        conduit.id(),
                        1,
                        List.of(new DetectedConflict(
                                "q", "both_modified", side, side, Optional.of("source"), "newest-wins")),
                        at)
                .get(0);
        assertEquals(Optional.of("newest-wins"), recorded.resolvedBy());
        assertTrue(store.pendingConflicts(conduit.id()).isEmpty());
        assertEquals(List.of(recorded), store.allConflicts(conduit.id()));
    }

    @Test
    void aGenerationsConflictsAreRecordedTogetherInTheirOrderAndAPendingOneIsUpdatedNotDuplicated() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(7_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide(EntryKind.FILE, 2, at, Optional.of("cd")));
        store.recordConflicts(conduit.id(), 1, List.of(pending("b/pending", "both_modified", side, side)), at);

        List<PathConflict> recorded = store.recordConflicts(
                conduit.id(),
                2,
                List.of(
                        new DetectedConflict("z", "both_modified", side, side, Optional.of("target"), "target-wins"),
                        pending("b/pending", "deleted_vs_modified", Optional.empty(), side),
                        pending("a", "type_mismatch", side, side)),
                at);

        assertEquals(
                List.of("z", "b/pending", "a"),
                recorded.stream().map(PathConflict::path).toList());
        List<PathConflict> pending = store.pendingConflicts(conduit.id());
        assertEquals(
                List.of("a", "b/pending"),
                pending.stream().map(PathConflict::path).toList());
        assertEquals(2, pending.get(1).generation(), "the queued conflict carries the latest generation");
        assertEquals(Optional.empty(), pending.get(1).source());
        assertEquals(3, store.allConflicts(conduit.id()).size());
        assertEquals(List.of(), store.recordConflicts(conduit.id(), 3, List.of(), at));
    }

    @Test
    void aUserDecisionForgetsTheCheckpointWithIt() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(9_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide(EntryKind.FILE, 1, at, Optional.empty()));
        store.recordConflicts(conduit.id(), 1, List.of(pending("p", "both_modified", side, side)), at);
        agree(conduit.id(), new SequenceCheckpoint(3, 4));
        store.decideConflict(conduit.id(), "p", "source", at);
        assertTrue(store.checkpoint(conduit.id()).isEmpty());
    }
}
