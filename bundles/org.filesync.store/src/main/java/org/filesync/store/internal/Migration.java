package org.filesync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One change of the store's schema, applied once to every database, in version order ({@link
 * SchemaMigrator}).
 *
 * @param version its place in the order, from 1
 * @param description what it changes, as the version table records it
 * @param change the statements, run in the migration's transaction
 */
record Migration(int version, String description, Change change) {

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(change, "change");
    }

    /** The statements of a migration. */
    @FunctionalInterface
    interface Change {
        void apply(Schema schema) throws SQLException;
    }

    /** The connection a migration runs on, with what it needs to know about the database. */
    record Schema(Connection connection, SqlDialect dialect) {}
}
