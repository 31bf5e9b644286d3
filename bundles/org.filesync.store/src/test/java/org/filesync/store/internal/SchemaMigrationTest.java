package org.filesync.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.persistence.EntityManagerFactory;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.Schedule;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.filesync.store.SequenceCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations on a database the store made before it had them, and on a new one. */
class SchemaMigrationTest {

    /** The schema and rows of a Derby database made by store 3.1, when EclipseLink still made the tables. */
    private static final String PREVIOUS_SCHEMA = "store-3.1-derby.sql";

    @TempDir
    Path root;

    @TempDir
    Path ends;

    @Test
    void aDatabaseOfThePreviousSchemaIsUpgradedAndEveryRowStaysReadable() throws Exception {
        load(root, PREVIOUS_SCHEMA);
        EntityManagerFactory emf = StoreFixture.open(root);
        try {
            JpaStore store = new JpaStore(emf);

            Conduit conduit = store.get(1).orElseThrow();
            assertEquals("bidirectional", conduit.options().mode());
            assertEquals(List.of("*.tmp", "node_modules/"), conduit.options().ignores());
            assertEquals(Schedule.parse("interval:5m"), conduit.options().schedule());
            assertEquals(42, conduit.statistics().bytesSynced());
            assertEquals(1, conduit.scheduleState().failures());
            assertEquals(
                    Optional.of("refused: disabled"), store.get(2).orElseThrow().lastError());
            assertEquals(Optional.of(new SequenceCheckpoint(12, 34, "ab12")), store.checkpoint(1));
            assertEquals(
                    Generation.VERIFIED, store.generation(1, 1).orElseThrow().verification());
            assertEquals(List.of("copy\ta.txt", "delete\told.txt"), store.plannedOperations(1, 1));
            assertEquals(Map.of("p.txt", "target"), store.decisionsToApply(1));
            assertEquals(2, store.allConflicts(1).size());
            try (BaselineReader baseline = store.openBaseline(1)) {
                assertEquals(
                        Optional.of(new BaselineRecord(
                                "link",
                                new EntryFacts(
                                        EntryKind.SYMLINK,
                                        5,
                                        1_700_000_000_000_000_000L,
                                        -1,
                                        Optional.of("a.txt"),
                                        Optional.empty()))),
                        baseline.entry("link"));
                assertEquals(3, baseline.all().size());
            }

            assertEquals(3, store.create(ConduitSpec.of(dir("e"), dir("f"))).id(), "ids go on from the stored ones");
            assertEquals(2, store.startGeneration(1, Instant.now(), List.of()).number());
        } finally {
            emf.close();
        }
        assertEquals(List.of(1, 2), appliedVersions(root).keySet().stream().toList());
    }

    @Test
    void anUpgradedDatabaseGainsTheMovedFilesColumnAndItsOldGenerationsMovedNothing() throws Exception {
        load(root, PREVIOUS_SCHEMA);
        assertTrue(!columns(root).containsKey("FS_GENERATION.FILES_MOVED"));

        EntityManagerFactory emf = StoreFixture.open(root);
        try {
            JpaStore store = new JpaStore(emf);
            assertEquals(0, store.generation(1, 1).orElseThrow().filesMoved());
            Generation next = store.startGeneration(1, Instant.now(), List.of());
            Generation moved = new Generation(
                    next.conduitId(),
                    next.number(),
                    next.started(),
                    Optional.of(Instant.now()),
                    Generation.Phase.COMPLETED,
                    0,
                    0,
                    7,
                    0,
                    0,
                    List.of(),
                    Generation.VERIFIED,
                    Optional.empty(),
                    0,
                    List.of(),
                    next.trigger());
            store.saveGeneration(moved);
            assertEquals(7, store.generation(1, next.number()).orElseThrow().filesMoved());
        } finally {
            emf.close();
        }
        assertTrue(columns(root).containsKey("FS_GENERATION.FILES_MOVED"));
    }

    @Test
    void aSecondStartAppliesNoMigration() throws Exception {
        load(root, PREVIOUS_SCHEMA);
        start(root);
        Map<Integer, Long> first = appliedVersions(root);

        start(root);

        assertEquals(first, appliedVersions(root));
    }

    @Test
    void aNewDatabaseGetsTheTablesAnUpgradedOneHas() throws Exception {
        Path previous = root.resolve("previous");
        load(previous, PREVIOUS_SCHEMA);
        start(previous);
        Path created = root.resolve("new");
        start(created);

        assertEquals(columns(previous), columns(created));
        assertEquals(indexes(previous), indexes(created));
    }

    @Test
    void aMigrationAddedLaterIsAppliedOnceToAnUpgradedDatabase() throws Exception {
        load(root, PREVIOUS_SCHEMA);
        start(root);
        List<Migration> later = new ArrayList<>(StoreMigrations.ALL);
        int version = StoreMigrations.ALL.size() + 1;
        later.add(new Migration(version, "a lease column", schema -> {
            try (Statement alter = schema.connection().createStatement()) {
                alter.executeUpdate("ALTER TABLE FS_CONDUIT ADD LEASE_OWNER VARCHAR(64)");
            }
        }));
        SchemaMigrator migrator = new SchemaMigrator(later);

        try (Connection c = connect(root)) {
            c.setAutoCommit(false);
            assertEquals(List.of(version), migrator.migrate(c));
            assertEquals(List.of(), migrator.migrate(c));
            c.commit();
        }

        assertEquals(
                List.of(1, 2, version), appliedVersions(root).keySet().stream().toList());
        assertTrue(columns(root).containsKey("FS_CONDUIT.LEASE_OWNER"));
    }

    /** Opens the store on the database and makes its first call, as a started container does. */
    private static void start(Path database) {
        EntityManagerFactory emf = StoreFixture.open(database);
        try {
            new JpaStore(emf).list();
        } finally {
            emf.close();
        }
    }

    private static void load(Path database, String script) throws IOException, SQLException {
        String sql;
        try (InputStream in = SchemaMigrationTest.class.getResourceAsStream(script)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + database.resolve("db") + ";create=true");
                Statement statement = c.createStatement()) {
            for (String line : sql.split(";\n")) {
                String command = line.lines()
                        .filter(text -> !text.startsWith("--"))
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse("")
                        .strip();
                if (!command.isEmpty()) {
                    statement.executeUpdate(command);
                }
            }
        }
    }

    private static Connection connect(Path database) throws SQLException {
        return DriverManager.getConnection("jdbc:derby:" + database.resolve("db"));
    }

    /** Each migration applied, with when. */
    private static Map<Integer, Long> appliedVersions(Path database) throws SQLException {
        Map<Integer, Long> versions = new TreeMap<>();
        try (Connection c = connect(database);
                Statement select = c.createStatement();
                ResultSet rows = select.executeQuery("SELECT VERSION, APPLIED FROM " + SchemaMigrator.VERSION_TABLE)) {
            while (rows.next()) {
                versions.put(rows.getInt(1), rows.getLong(2));
            }
        }
        return versions;
    }

    /** The store's columns, {@code TABLE.COLUMN} to type, size, nullability and default. */
    private static Map<String, String> columns(Path database) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = connect(database);
                ResultSet rows = c.getMetaData().getColumns(null, "APP", "FS_%", null)) {
            while (rows.next()) {
                if (rows.getString("TABLE_NAME").equals(SchemaMigrator.VERSION_TABLE)) {
                    continue;
                }
                columns.put(
                        rows.getString("TABLE_NAME") + "." + rows.getString("COLUMN_NAME"),
                        rows.getString("TYPE_NAME") + "(" + rows.getInt("COLUMN_SIZE") + ") nullable="
                                + rows.getString("IS_NULLABLE") + " default=" + rows.getString("COLUMN_DEF"));
            }
        }
        return columns;
    }

    /** The store's named indexes, {@code TABLE.INDEX} to their columns in order. */
    private static Map<String, List<String>> indexes(Path database) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (Connection c = connect(database)) {
            for (String table : List.of("FS_CONDUIT", "FS_GENERATION", "FS_CONFLICT", "FS_SEQUENCE", "FS_BASELINE")) {
                try (ResultSet rows = c.getMetaData().getIndexInfo(null, "APP", table, false, false)) {
                    while (rows.next()) {
                        String name = rows.getString("INDEX_NAME");
                        if (!name.startsWith("SQL")) { // Derby names the primary keys' indexes itself
                            indexes.computeIfAbsent(table + "." + name, key -> new ArrayList<>())
                                    .add(rows.getString("COLUMN_NAME"));
                        }
                    }
                }
            }
        }
        return indexes;
    }

    private String dir(String name) throws IOException {
        return java.nio.file.Files.createDirectories(ends.resolve(name)).toString();
    }
}
