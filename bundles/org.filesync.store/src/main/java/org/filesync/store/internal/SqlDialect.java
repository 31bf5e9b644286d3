package org.filesync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the databases the store runs on, in one place: the column types EclipseLink
 * chose for booleans and long text on each, and how each stores an unquoted name.
 */
enum SqlDialect {
    DERBY("SMALLINT DEFAULT 0", "CLOB") {
        @Override
        String storedName(String name) {
            return name.toUpperCase(Locale.ROOT);
        }
    },
    POSTGRESQL("BOOLEAN", "TEXT") {
        @Override
        String storedName(String name) {
            return name.toLowerCase(Locale.ROOT);
        }
    };

    private final String flag;
    private final String text;

    SqlDialect(String flag, String text) {
        this.flag = flag;
        this.text = text;
    }

    /** The dialect of the database a connection is open on. */
    static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (product.equals("Apache Derby")) {
            return DERBY;
        }
        if (product.equals("PostgreSQL")) {
            return POSTGRESQL;
        }
        throw new SQLException("The filesync store runs on Apache Derby or PostgreSQL, not on " + product);
    }

    /** The type of a boolean column. */
    String flag() {
        return flag;
    }

    /** The type of a text column without a length limit. */
    String text() {
        return text;
    }

    /** An unquoted table, column or index name as the database's catalog holds it. */
    abstract String storedName(String name);
}
