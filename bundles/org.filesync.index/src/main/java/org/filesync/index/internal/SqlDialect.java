package org.filesync.index.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What the index's SQL must do differently per database; everything else is standard SQL that
 * Derby and PostgreSQL both run (docs/postgresql.md).
 */
enum SqlDialect {
    /** Embedded Derby: keys compare by code point; streamed reads stream in auto-commit mode. */
    DERBY(""),
    /**
     * PostgreSQL: text compares by the database's collation (often ICU or glibc rules that ignore
     * punctuation and case), so the key column asks for byte order; the driver streams a result
     * set only inside a transaction and otherwise reads it whole into memory.
     */
    POSTGRESQL(" COLLATE \"C\""),
    /** Another database: standard SQL, assumed to compare keys by code point as Derby does. */
    STANDARD("");

    private final String keyCollation;

    SqlDialect(String keyCollation) {
        this.keyCollation = keyCollation;
    }

    static SqlDialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("derby")) {
            return DERBY;
        }
        return product.contains("postgresql") ? POSTGRESQL : STANDARD;
    }

    /** The type of a column of {@link PathKey}s whose order must be the keys' character order. */
    String keyColumn(int length) {
        return "VARCHAR(" + length + ")" + keyCollation;
    }

    /** A hint that makes Derby read a whole location by a table scan; a comment elsewhere. */
    String tableScanHint() {
        return this == DERBY ? " --DERBY-PROPERTIES index=null\n" : "";
    }

    /** Whether a streamed read must run in a transaction to be fetched in pieces. */
    boolean streamsInTransactionOnly() {
        return this == POSTGRESQL;
    }
}
