package org.filesync.store.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date: the version table {@value #VERSION_TABLE} holds one row
 * per migration applied, and the migrations not in it are applied in order, each with its row, in
 * the caller's transaction. It is the only way the store's tables come into being and change.
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    static final String VERSION_TABLE = "FS_SCHEMA_VERSION";

    private final List<Migration> migrations;

    /** @param migrations in strictly increasing version order */
    SchemaMigrator(List<Migration> migrations) {
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
                throw new IllegalArgumentException("migrations out of order at version "
                        + migrations.get(i).version());
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** Applies the migrations the database has not had yet; returns their versions. */
    List<Integer> migrate(Connection connection) throws SQLException {
        Migration.Schema schema = new Migration.Schema(connection, SqlDialect.of(connection));
        if (!tableExists(schema, VERSION_TABLE)) {
            try (Statement create = connection.createStatement()) {
                create.executeUpdate("CREATE TABLE " + VERSION_TABLE
                        + " (VERSION INTEGER NOT NULL PRIMARY KEY, DESCRIPTION VARCHAR(200) NOT NULL,"
                        + " APPLIED BIGINT NOT NULL)");
            }
        }
        Set<Integer> applied = applied(connection);
        List<Migration> pending = migrations.stream()
                .filter(migration -> !applied.contains(migration.version()))
                .toList();
        for (Migration migration : pending) {
            migration.change().apply(schema);
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO " + VERSION_TABLE + " (VERSION, DESCRIPTION, APPLIED) VALUES (?, ?, ?)")) {
                record.setInt(1, migration.version());
                record.setString(2, migration.description());
                record.setLong(3, System.currentTimeMillis());
                record.executeUpdate();
            }
            LOG.info("Store schema migrated to version {}: {}", migration.version(), migration.description());
        }
        return pending.stream().map(Migration::version).toList();
    }

    private static Set<Integer> applied(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT VERSION FROM " + VERSION_TABLE)) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    /** Whether the connection's current schema holds a table of that (unquoted) name. */
    static boolean tableExists(Migration.Schema schema, String table) throws SQLException {
        DatabaseMetaData metadata = schema.connection().getMetaData();
        try (ResultSet rows = metadata.getTables(
                null, schema.connection().getSchema(), schema.dialect().storedName(table), new String[] {"TABLE"})) {
            return rows.next();
        }
    }
}
