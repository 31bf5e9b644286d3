package org.filesync.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.persistence.EntityManagerFactory;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ConflictSide;
import org.filesync.api.Generation;
import org.filesync.api.InvalidEndpointException;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.PathConflict;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.Trigger;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.filesync.store.DetectedConflict;
import org.filesync.store.SequenceCheckpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpaStoreTest {

    @TempDir
    Path root;

    private EntityManagerFactory emf;
    private JpaStore store;

    @BeforeEach
    void openStore() {
        emf = StoreFixture.open(root);
        store = new JpaStore(emf);
    }

    @AfterEach
    void closeStore() {
        emf.close();
    }

    @Test
    void numbersConduitsFromOneAndListsThemById() throws IOException {
        Conduit first = store.create(spec("a", "b"));
        Conduit second = store.create(spec("c", "d"));
        assertEquals(1, first.id());
        assertEquals(2, second.id());
        assertEquals(List.of(first, second), store.list());
        assertEquals(Optional.of(first), store.get(1));
    }

    @Test
    void storesEveryOptionAndTheRealEndpointPaths() throws IOException {
        ConduitOptions options = ConduitOptions.defaults()
                .withMode("bidirectional")
                .withConflictStrategy("conflict-file")
                .withDeleteStrategy("permanent")
                .withSchedule(Schedule.parse("interval:5m"))
                .withParallelTransfers(2)
                .withBandwidthLimit(1_000_000)
                .withMaxDeletePercent(10)
                .withEnabled(false)
                .withVerifyRetry(true);
        Path source = Files.createDirectories(root.resolve("s"));
        Path target = Files.createDirectories(root.resolve("t"));
        Conduit created = store.create(new ConduitSpec(root + "/t/../s", target.toString(), options));
        Conduit loaded = store.get(created.id()).orElseThrow();
        assertEquals(options, loaded.options());
        assertEquals(source.toRealPath(), loaded.source());
        assertEquals(0, loaded.currentGeneration());
        assertTrue(loaded.lastCompleted().isEmpty());
        assertTrue(store.listEnabled().isEmpty());
    }

    @Test
    void aRefusedCreationStoresNothing() throws IOException {
        store.create(spec("a", "b"));
        assertThrows(InvalidEndpointException.class, () -> store.create(ConduitSpec.of("relative", "/tmp")));
        assertEquals(1, store.list().size());
        assertEquals(2, store.create(spec("g", "h")).id());
    }

    @Test
    void updatesOptionsButNotEndpoints() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        Conduit updated =
                store.update(created.id(), created.options().withEnabled(false).withParallelTransfers(8));
        assertFalse(updated.options().enabled());
        assertEquals(8, store.get(created.id()).orElseThrow().options().parallelTransfers());
        assertEquals(created.source(), updated.source());
        assertThrows(ConduitNotFoundException.class, () -> store.update(99, ConduitOptions.defaults()));
    }

    @Test
    void ignoreRulesAreStoredInTheirOrderAndReplacedByAnUpdate() throws IOException {
        List<String> rules = List.of("node_modules/", "(?d)*.tmp", "!keep.tmp", "name with spaces", "é*");
        Conduit created = store.create(new ConduitSpec(
                dir("a").toString(),
                dir("b").toString(),
                ConduitOptions.defaults().withIgnores(rules)));
        assertEquals(rules, store.get(created.id()).orElseThrow().options().ignores());
        store.update(created.id(), created.options().withIgnores(List.of("*.o")));
        assertEquals(
                List.of("*.o"), store.get(created.id()).orElseThrow().options().ignores());
        store.update(created.id(), created.options().withIgnores(List.of()));
        assertEquals(List.of(), store.get(created.id()).orElseThrow().options().ignores());
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
    void deletesAConduitWithItsHistory() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        store.startGeneration(created.id(), Instant.now(), List.of());
        store.delete(created.id());
        assertTrue(store.get(created.id()).isEmpty());
        assertTrue(store.history(created.id()).isEmpty());
        assertThrows(ConduitNotFoundException.class, () -> store.delete(created.id()));
    }

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
    void recordsRunsAndErrorsInTheStatistics() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        store.recordError(created.id(), "disk full");
        assertEquals(
                Optional.of("disk full"), store.get(created.id()).orElseThrow().lastError());
        Instant completed = Instant.ofEpochMilli(1_700_000_000_000L);
        Conduit after = store.recordCompletedRun(created.id(), completed, 10, 2048);
        assertEquals(1, after.statistics().totalSyncs());
        assertEquals(10, after.statistics().filesSynced());
        assertEquals(2048, after.statistics().bytesSynced());
        assertEquals(Optional.of(completed), after.lastCompleted());
        assertTrue(after.lastError().isEmpty());
    }

    @Test
    void writesThatRaceOnOneConduitAllLand() throws Exception {
        Conduit created = store.create(spec("a", "b"));
        long id = created.id();
        int rounds = 40;
        List<Generation> started = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            started.add(store.startGeneration(id, Instant.now(), List.of()));
        }
        List<Callable<Void>> writers = List.of(
                () -> {
                    for (int i = 1; i <= rounds; i++) {
                        store.saveScheduleState(id, new ScheduleState(Optional.empty(), i, Optional.empty()));
                    }
                    return null;
                },
                () -> {
                    for (int i = 1; i <= rounds; i++) {
                        store.recordError(id, "error " + i);
                    }
                    return null;
                },
                () -> {
                    for (int i = 1; i <= rounds; i++) {
                        store.completeGeneration(
                                completed(started.get(i - 1)),
                                BaselineChanges.NONE,
                                Set.of(),
                                Optional.of(new SequenceCheckpoint(i, i)));
                    }
                    return null;
                },
                () -> {
                    for (int i = 1; i <= rounds; i++) {
                        store.update(id, created.options().withParallelTransfers(1 + i % 8));
                    }
                    return null;
                });
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            for (Future<Void> writer : pool.invokeAll(writers)) {
                writer.get(); // throws if any write failed
            }
        } finally {
            pool.shutdownNow();
        }
        Conduit after = store.get(id).orElseThrow();
        assertEquals(rounds, after.scheduleState().failures());
        assertEquals(Optional.of("error " + rounds), after.lastError());
        assertEquals(Optional.of(new SequenceCheckpoint(rounds, rounds)), store.checkpoint(id));
        assertEquals(1 + rounds % 8, after.options().parallelTransfers());
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
    void conduitsSurviveReopeningTheDatabase() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        reopen();
        assertEquals(Optional.of(created), store.get(created.id()));
        assertEquals(2, store.create(spec("c", "d")).id());
    }

    private void reopen() {
        emf.close();
        emf = StoreFixture.open(root);
        store = new JpaStore(emf);
    }

    @Test
    void generationsAndConflictsAreFoundThroughAnIndexOnTheirConduitAlsoAfterReopening() throws Exception {
        Conduit created = store.create(spec("a", "b"));
        reopen();
        assertEquals(Optional.of(created), store.get(created.id()));
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + root.resolve("db"))) {
            assertEquals(List.of("CONDUIT_ID", "NUMBER"), indexColumns(c, "FS_GENERATION", "FS_GENERATION_OF_CONDUIT"));
            assertEquals(List.of("CONDUIT_ID", "STATUS"), indexColumns(c, "FS_CONFLICT", "FS_CONFLICT_OF_CONDUIT"));
        }
    }

    private static List<String> indexColumns(Connection c, String table, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rows.next()) {
                if (index.equals(rows.getString("INDEX_NAME"))) {
                    columns.add(rows.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    private ConduitSpec spec(String source, String target) throws IOException {
        return ConduitSpec.of(dir(source).toString(), dir(target).toString());
    }

    @Test
    void aBaselineIsUpdatedPathByPathAndForgottenWithItsConduit() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertFalse(reader.any());
        }
        String longPath = "d/".repeat(1500) + "f.txt";
        BaselineRecord file = new BaselineRecord("x.txt", "FILE", 3, 42, 0644, Optional.of("ab"), Optional.empty());
        BaselineRecord link = new BaselineRecord(longPath, "SYMLINK", 1, 7, -1, Optional.empty(), Optional.of("x.txt"));
        store.updateBaseline(conduit.id(), BaselineChanges.of(List.of(file, link), List.of()));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertTrue(reader.any());
            assertEquals(Optional.of(link), reader.entry(longPath));
            assertEquals(Optional.of(file), reader.entry("x.txt"));
            assertEquals(Optional.empty(), reader.entry("x.txt "));
        }
        BaselineRecord changed = new BaselineRecord("x.txt", "FILE", 4, 43, 0600, Optional.of("cd"), Optional.empty());
        store.updateBaseline(conduit.id(), BaselineChanges.of(List.of(changed), List.of(longPath)));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertEquals(List.of(changed), reader.all());
        }
        BaselineRecord added = new BaselineRecord("y.txt", "FILE", 1, 44, 0644, Optional.of("ef"), Optional.empty());
        BaselineRecord directory =
                new BaselineRecord("x.txt", "DIRECTORY", 0, 45, 0755, Optional.empty(), Optional.empty());
        store.updateBaseline(conduit.id(), BaselineChanges.of(List.of(added, directory), List.of()));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertEquals(
                    Set.of(added, directory),
                    Set.copyOf(reader.all()),
                    "one call updates an existing path and adds a new one");
        }
        store.delete(conduit.id());
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertTrue(reader.all().isEmpty());
        }
    }

    @Test
    void aPendingConflictIsQueuedOnceAndAUserDecisionWaitsToBeApplied() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(1_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide("file", 3, at, Optional.of("ab")));
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
        Optional<ConflictSide> side = Optional.of(new ConflictSide("file", 3, at, Optional.of("ab")));
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
        Optional<ConflictSide> side = Optional.of(new ConflictSide("file", 1, at, Optional.empty()));
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
        Optional<ConflictSide> side = Optional.of(new ConflictSide("file", 2, at, Optional.of("cd")));
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
        Optional<ConflictSide> side = Optional.of(new ConflictSide("file", 1, at, Optional.empty()));
        store.recordConflicts(conduit.id(), 1, List.of(pending("p", "both_modified", side, side)), at);
        agree(conduit.id(), new SequenceCheckpoint(3, 4));
        store.decideConflict(conduit.id(), "p", "source", at);
        assertTrue(store.checkpoint(conduit.id()).isEmpty());
    }

    @Test
    void anUpdateForgettingTheAgreementClearsBaselineAndCheckpointWithTheOptions() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        agree(conduit.id(), new SequenceCheckpoint(3, 4));
        store.updateBaseline(
                conduit.id(),
                BaselineChanges.of(
                        List.of(new BaselineRecord("x", "FILE", 1, 2, 0644, Optional.empty(), Optional.empty())),
                        List.of()));
        Conduit updated =
                store.updateForgettingAgreement(conduit.id(), conduit.options().withMode("bidirectional"));
        assertEquals("bidirectional", updated.options().mode());
        assertTrue(store.checkpoint(conduit.id()).isEmpty());
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertFalse(reader.any());
        }
    }

    @Test
    void completingAGenerationSavesItsBaselineDecisionsAndCheckpointTogether() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        Instant at = Instant.ofEpochMilli(11_000);
        Optional<ConflictSide> side = Optional.of(new ConflictSide("file", 1, at, Optional.empty()));
        store.recordConflicts(conduit.id(), 1, List.of(pending("p", "both_modified", side, side)), at);
        store.decideConflict(conduit.id(), "p", "source", at);
        Generation started = store.startGeneration(conduit.id(), at, List.of());
        BaselineRecord agreed = new BaselineRecord("p", "FILE", 1, 2, 0644, Optional.empty(), Optional.empty());

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
        BaselineRecord agreed = new BaselineRecord("p", "FILE", 1, 2, 0644, Optional.empty(), Optional.empty());

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

    /** Starts a generation and completes it with the checkpoint, as a verified run does. */
    private void agree(long conduitId, SequenceCheckpoint checkpoint) {
        Generation started = store.startGeneration(conduitId, Instant.now(), List.of());
        store.completeGeneration(completed(started), BaselineChanges.NONE, Set.of(), Optional.of(checkpoint));
    }

    /** Starts a generation and completes it, applying the users' decisions at the paths. */
    private void applyDecisions(long conduitId, Set<String> paths) {
        Generation started = store.startGeneration(conduitId, Instant.now(), List.of());
        store.completeGeneration(completed(started), BaselineChanges.NONE, paths, Optional.empty());
    }

    private static Generation completed(Generation started) {
        return new Generation(
                started.conduitId(),
                started.number(),
                started.started(),
                Optional.of(started.started()),
                Generation.Phase.COMPLETED,
                0,
                0,
                0,
                0,
                List.of(),
                Generation.VERIFIED,
                Optional.of(started.started()),
                0,
                List.of());
    }

    /** A conflict the {@code prompt} strategy left pending. */
    private static DetectedConflict pending(
            String path, String type, Optional<ConflictSide> source, Optional<ConflictSide> target) {
        return new DetectedConflict(path, type, source, target, Optional.empty(), "prompt");
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }
}
