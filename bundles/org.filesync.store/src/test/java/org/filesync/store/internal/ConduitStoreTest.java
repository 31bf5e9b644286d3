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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.InvalidEndpointException;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.filesync.store.SequenceCheckpoint;
import org.junit.jupiter.api.Test;

/** Conduits in the store on a real embedded Derby: creation, options, statistics, deletion, racing writers. */
class ConduitStoreTest extends StoreTestSupport {

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
    void anUpdateForgettingTheAgreementClearsBaselineAndCheckpointWithTheOptions() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        agree(conduit.id(), new SequenceCheckpoint(3, 4));
        store.updateBaseline(
                conduit.id(),
                BaselineChanges.of(
                        List.of(new BaselineRecord(
                                "x", new EntryFacts(EntryKind.FILE, 1, 2, 0644, Optional.empty(), Optional.empty()))),
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
    void deletesAConduitWithItsHistory() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        store.startGeneration(created.id(), Instant.now(), List.of());
        store.delete(created.id());
        assertTrue(store.get(created.id()).isEmpty());
        assertTrue(store.history(created.id()).isEmpty());
        assertThrows(ConduitNotFoundException.class, () -> store.delete(created.id()));
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
    void conduitsSurviveReopeningTheDatabase() throws IOException {
        Conduit created = store.create(spec("a", "b"));
        reopen();
        assertEquals(Optional.of(created), store.get(created.id()));
        assertEquals(2, store.create(spec("c", "d")).id());
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
}
