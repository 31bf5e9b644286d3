package org.filesync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the databases the store runs on, in one place: the column types EclipseLink
 * chose for booleans, long text and the id sequences' counters on each, and how each stores an
 * unquoted name.
 */
enum SqlDialect {
    DERBY("SMALLINT DEFAULT 0", "CLOB", "DECIMAL(15)") {
        @Override
        String storedName(String name) {
            return name.toUpperCase(Locale.ROOT);
        }
    },
    POSTGRESQL("BOOLEAN", "TEXT", "NUMERIC(38)") {
        @Override
        String storedName(String name) {
            return name.toLowerCase(Locale.ROOT);
        }
    };

    private final String flag;
    private final String text;
    private final String counter;

    SqlDialect(String flag, String text, String counter) {
        this.flag = flag;
        this.text = text;
        this.counter = counter;
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

    /** The type of the counter of an id sequence ({@code FS_SEQUENCE.SEQ_VALUE}). */
    String counter() {
        return counter;
    }

    /** An unquoted table, column or index name as the database's catalog holds it. */
    abstract String storedName(String name);
}
