package org.filesync.store.internal;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Migration 1: the tables as the store had them when EclipseLink still created and extended them
 * (store package 3.1). On an empty database it creates them; on one EclipseLink made, it adds only
 * what an older release had not created yet, so that every database continues from the same schema.
 */
final class InitialSchema {

    private record Column(String name, String type) {}

    private record Index(String name, String columns) {}

    private record Table(String name, List<Column> columns, String primaryKey, List<Index> indexes) {}

    /** The rows of the {@code FS_SEQUENCE} table that hand out the ids of the entities ({@code @TableGenerator}). */
    private static final List<String> SEQUENCES = List.of("CONDUIT", "GENERATION", "CONFLICT");

    private InitialSchema() {}

    static void apply(Migration.Schema schema) throws SQLException {
        for (Table table : tables(schema.dialect())) {
            if (SchemaMigrator.tableExists(schema, table.name())) {
                addMissingColumns(schema, table);
            } else {
                create(schema, table);
            }
            addMissingIndexes(schema, table);
        }
        addMissingSequences(schema);
    }

    private static List<Table> tables(SqlDialect dialect) {
        String flag = dialect.flag();
        String text = dialect.text();
        return List.of(
                new Table(
                        "FS_CONDUIT",
                        List.of(
                                new Column("ID", "BIGINT NOT NULL"),
                                new Column("BANDWIDTH_LIMIT", "BIGINT"),
                                new Column("BYTES_SYNCED", "BIGINT"),
                                new Column("CHECKPOINT_RULES", "VARCHAR(64)"),
                                new Column("CHECKPOINT_SOURCE", "BIGINT"),
                                new Column("CHECKPOINT_TARGET", "BIGINT"),
                                new Column("CONFLICT_STRATEGY", "VARCHAR(64) NOT NULL"),
                                new Column("CURRENT_GENERATION", "BIGINT"),
                                new Column("DELETE_STRATEGY", "VARCHAR(64) NOT NULL"),
                                new Column("ENABLED", flag),
                                new Column("FILES_SYNCED", "BIGINT"),
                                new Column("HOLD_REASON", "VARCHAR(2000)"),
                                new Column("IGNORE_RULES", text),
                                new Column("INSTANT_DELAY_MS", "BIGINT"),
                                new Column("LAST_COMPLETED", "BIGINT"),
                                new Column("LAST_ERROR", "VARCHAR(4000)"),
                                new Column("MAX_DELETE_PERCENT", "INTEGER"),
                                new Column("MODE", "VARCHAR(64) NOT NULL"),
                                new Column("NEXT_RUN", "BIGINT"),
                                new Column("PARALLEL_TRANSFERS", "INTEGER"),
                                new Column("SCHEDULE", "VARCHAR(64) NOT NULL"),
                                new Column("SCHEDULE_FAILURES", "INTEGER"),
                                new Column("SOURCE_PATH", "VARCHAR(4096) NOT NULL"),
                                new Column("TARGET_PATH", "VARCHAR(4096) NOT NULL"),
                                new Column("TOTAL_SYNCS", "BIGINT"),
                                new Column("UUID", "VARCHAR(36) NOT NULL"),
                                new Column("VERIFY_RETRY", flag),
                                new Column("VERSION", "BIGINT")),
                        "ID",
                        List.of()),
                new Table(
                        "FS_GENERATION",
                        List.of(
                                new Column("ID", "BIGINT NOT NULL"),
                                new Column("BYTES", "BIGINT"),
                                new Column("COMPLETED", "BIGINT"),
                                new Column("CONDUIT_ID", "BIGINT NOT NULL"),
                                new Column("CONFLICTS", "BIGINT"),
                                new Column("ERRORS", text),
                                new Column("FILES_COPIED", "BIGINT"),
                                new Column("FILES_DELETED", "BIGINT"),
                                new Column("IGNORED", "BIGINT"),
                                new Column("NUMBER", "BIGINT NOT NULL"),
                                new Column("PHASE", "VARCHAR(16) NOT NULL"),
                                new Column("PLAN", text),
                                new Column("STARTED", "BIGINT"),
                                new Column("TRIGGERED_BY", "VARCHAR(32)"),
                                new Column("VERIFICATION", "VARCHAR(2000) NOT NULL"),
                                new Column("VERIFIED_AT", "BIGINT"),
                                new Column("WARNINGS", text)),
                        "ID",
                        List.of(new Index("FS_GENERATION_OF_CONDUIT", "CONDUIT_ID, NUMBER"))),
                new Table(
                        "FS_CONFLICT",
                        List.of(
                                new Column("ID", "BIGINT NOT NULL"),
                                new Column("AWAITS_APPLY", flag),
                                new Column("CONDUIT_ID", "BIGINT NOT NULL"),
                                new Column("DETECTED", "BIGINT"),
                                new Column("GENERATION_NUMBER", "BIGINT NOT NULL"),
                                new Column("PATH", "VARCHAR(32000) NOT NULL"),
                                new Column("RESOLUTION", "VARCHAR(16)"),
                                new Column("RESOLVED", "BIGINT"),
                                new Column("RESOLVED_BY", "VARCHAR(255)"),
                                new Column("SOURCE_FACTS", "VARCHAR(512)"),
                                new Column("STATUS", "VARCHAR(16) NOT NULL"),
                                new Column("TARGET_FACTS", "VARCHAR(512)"),
                                new Column("CONFLICT_TYPE", "VARCHAR(32) NOT NULL")),
                        "ID",
                        List.of(new Index("FS_CONFLICT_OF_CONDUIT", "CONDUIT_ID, STATUS"))),
                new Table(
                        "FS_SEQUENCE",
                        List.of(
                                new Column("SEQ_NAME", "VARCHAR(50) NOT NULL"),
                                new Column("SEQ_VALUE", dialect.counter())),
                        "SEQ_NAME",
                        List.of()),
                new Table(
                        BaselineTable.TABLE,
                        List.of(
                                new Column("CONDUIT_ID", "BIGINT NOT NULL"),
                                new Column("PATH_KEY", "VARCHAR(241) NOT NULL"),
                                new Column("HASH", "VARCHAR(128)"),
                                new Column("KIND", "VARCHAR(16) NOT NULL"),
                                new Column("FMODE", "INTEGER"),
                                new Column("MTIME", "BIGINT"),
                                new Column("PATH", "VARCHAR(32000) NOT NULL"),
                                new Column("FSIZE", "BIGINT"),
                                new Column("LINK_TARGET", "VARCHAR(8192)")),
                        "CONDUIT_ID, PATH_KEY",
                        List.of()));
    }

    private static void create(Migration.Schema schema, Table table) throws SQLException {
        StringBuilder sql =
                new StringBuilder("CREATE TABLE ").append(table.name()).append(" (");
        for (Column column : table.columns()) {
            sql.append(column.name()).append(' ').append(column.type()).append(", ");
        }
        sql.append("PRIMARY KEY (").append(table.primaryKey()).append("))");
        execute(schema, sql.toString());
    }

    /** A column an older release did not have yet is added; being new, it cannot be {@code NOT NULL}. */
    private static void addMissingColumns(Migration.Schema schema, Table table) throws SQLException {
        Set<String> existing = new HashSet<>();
        DatabaseMetaData metadata = schema.connection().getMetaData();
        try (ResultSet rows = metadata.getColumns(
                null, schema.connection().getSchema(), schema.dialect().storedName(table.name()), null)) {
            while (rows.next()) {
                existing.add(schema.dialect().storedName(rows.getString("COLUMN_NAME")));
            }
        }
        for (Column column : table.columns()) {
            if (!existing.contains(schema.dialect().storedName(column.name()))) {
                execute(
                        schema,
                        "ALTER TABLE " + table.name() + " ADD " + column.name() + " "
                                + column.type().replace(" NOT NULL", ""));
            }
        }
    }

    private static void addMissingIndexes(Migration.Schema schema, Table table) throws SQLException {
        Set<String> existing = new HashSet<>();
        DatabaseMetaData metadata = schema.connection().getMetaData();
        try (ResultSet rows = metadata.getIndexInfo(
                null, schema.connection().getSchema(), schema.dialect().storedName(table.name()), false, false)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                if (name != null) {
                    existing.add(schema.dialect().storedName(name));
                }
            }
        }
        for (Index index : table.indexes()) {
            if (!existing.contains(schema.dialect().storedName(index.name()))) {
                execute(schema, "CREATE INDEX " + index.name() + " ON " + table.name() + " (" + index.columns() + ")");
            }
        }
    }

    private static void addMissingSequences(Migration.Schema schema) throws SQLException {
        for (String sequence : SEQUENCES) {
            try (PreparedStatement select =
                    schema.connection().prepareStatement("SELECT 1 FROM FS_SEQUENCE WHERE SEQ_NAME = ?")) {
                select.setString(1, sequence);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
            }
            try (PreparedStatement insert = schema.connection()
                    .prepareStatement("INSERT INTO FS_SEQUENCE (SEQ_NAME, SEQ_VALUE) VALUES (?, 0)")) {
                insert.setString(1, sequence);
                insert.executeUpdate();
            }
        }
    }

    private static void execute(Migration.Schema schema, String sql) throws SQLException {
        try (Statement statement = schema.connection().createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
