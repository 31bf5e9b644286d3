package org.filesync.index.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.filesync.index.IndexException;

/**
 * The index's database: connections (a few kept open between short queries), the SQL dialect, the
 * creation of missing tables, and queries, updates and streamed reads whose failures are {@link
 * IndexException}s. The tables themselves belong to {@link LocationStore} and {@link EntryStore}.
 */
final class IndexDatabase {

    /**
     * Connections kept open between short queries ({@link EntryStore#get} and the like). The
     * DataSource is not pooled (embedded Derby through pax-jdbc): a new connection per get cost the
     * watcher about a third of its time per event. Writes and streamed reads use connections of
     * their own.
     */
    private static final int IDLE_CONNECTIONS = 4;

    private final ConnectionPool connections;
    private volatile SqlDialect dialect = SqlDialect.STANDARD;

    IndexDatabase(DataSource dataSource) {
        this.connections = new ConnectionPool(dataSource, IDLE_CONNECTIONS);
    }

    /** Closes the connections kept open; the database remains usable (it opens new ones). */
    void close() {
        connections.close();
    }

    /** Learns the SQL dialect of the database; call before anything else. */
    void init() {
        try (Connection c = connections.unpooledConnection()) {
            dialect = SqlDialect.of(c);
        } catch (SQLException e) {
            throw new IndexException("cannot create the index tables: " + e.getMessage(), e);
        }
    }

    /** Creates a table, with the statements that follow the first (its indexes), unless it exists. */
    void createUnlessExists(String table, String... statements) {
        try (Connection c = connections.unpooledConnection();
                Statement s = c.createStatement()) {
            if (!tableExists(c, table)) {
                for (String ddl : statements) {
                    s.executeUpdate(ddl);
                }
            }
        } catch (SQLException e) {
            throw new IndexException("cannot create the index tables: " + e.getMessage(), e);
        }
    }

    /**
     * Creates an index of a table unless one of that name exists, so that a database created
     * before the index was added gets it at its next start.
     */
    void createIndexUnlessExists(String table, String index, String ddl) {
        try (Connection c = connections.unpooledConnection();
                Statement s = c.createStatement()) {
            if (!indexExists(c, table, index)) {
                s.executeUpdate(ddl);
            }
        } catch (SQLException e) {
            throw new IndexException("cannot create the index " + index + ": " + e.getMessage(), e);
        }
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** A connection kept open between short queries; closing it returns it. */
    Connection pooledConnection() throws SQLException {
        return connections.getConnection();
    }

    /** A connection of its own, for writes and long reads (see {@link EntryStore#write}). */
    Connection unpooledConnection() throws SQLException {
        return connections.unpooledConnection();
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String n : new String[] {name, name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, null, n, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean indexExists(Connection c, String table, String index) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String t : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getIndexInfo(null, null, t, false, true)) {
                while (rs.next()) {
                    if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IndexException("index query failed: " + e.getMessage(), e);
        }
    }

    void update(String sql, Binder binder) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IndexException("index update failed: " + e.getMessage(), e);
        }
    }

    /** Streams rows of a query; the stream owns connection, statement and result set until closed. */
    <T> Stream<T> stream(String sql, Binder binder, Mapper<T> mapper, Predicate<T> filter) {
        Connection c = null;
        PreparedStatement ps = null;
        ResultSet rs;
        try {
            c = connections.unpooledConnection(); // a long read grows the lock table too: see EntryStore.write
            if (dialect.streamsInTransactionOnly()) {
                c.setAutoCommit(false); // read-only; the connection's close ends the transaction
            }
            ps = c.prepareStatement(sql);
            ps.setFetchSize(1000);
            binder.bind(ps);
            rs = ps.executeQuery();
        } catch (SQLException e) {
            closeQuietly(ps, c, e);
            throw new IndexException("index query failed: " + e.getMessage(), e);
        }
        Connection conn = c;
        PreparedStatement stmt = ps;
        ResultSet results = rs;
        Spliterator<T> sp =
                new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                    @Override
                    public boolean tryAdvance(Consumer<? super T> action) {
                        try {
                            while (results.next()) {
                                T r = mapper.map(results);
                                if (filter.test(r)) {
                                    action.accept(r);
                                    return true;
                                }
                            }
                            return false;
                        } catch (SQLException e) {
                            throw new IndexException("index query failed: " + e.getMessage(), e);
                        }
                    }
                };
        return StreamSupport.stream(sp, false).onClose(() -> {
            try (conn;
                    stmt;
                    results) {
                // closed in reverse order by try-with-resources
            } catch (SQLException e) {
                throw new IndexException("cannot close an index query: " + e.getMessage(), e);
            }
        });
    }

    private static void closeQuietly(PreparedStatement ps, Connection c, SQLException cause) {
        try {
            if (ps != null) {
                ps.close();
            }
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
