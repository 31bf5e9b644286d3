package org.filesync.store.internal;

import java.sql.SQLException;
import java.sql.Statement;

/** Migration 2: each generation counts the files and directories it moved ({@code FS_GENERATION.FILES_MOVED}). */
final class MovedFilesColumn {

    private MovedFilesColumn() {}

    static void apply(Migration.Schema schema) throws SQLException {
        try (Statement alter = schema.connection().createStatement()) {
            alter.executeUpdate("ALTER TABLE FS_GENERATION ADD FILES_MOVED BIGINT");
        }
    }
}
