package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.filesync.testsupport.DerbyDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionPoolTest {

    @TempDir
    Path dir;

    /** Counts the connections the DataSource really opened. */
    private static final class Counting extends DelegatingDataSource {
        final AtomicInteger opened = new AtomicInteger();

        Counting(DataSource d) {
            super(d);
        }

        @Override
        public Connection getConnection() throws SQLException {
            opened.incrementAndGet();
            return super.getConnection();
        }
    }

    @Test
    void aClosedConnectionIsReusedInAutoCommitModeWithItsUncommittedWorkRolledBack() throws SQLException {
        Counting ds = new Counting(new DerbyDataSource(dir.resolve("db")));
        ConnectionPool pool = new ConnectionPool(ds, 2);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE T (X INT)");
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO T VALUES (1)");
            // closed without commit
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM T")) {
            assertTrue(c.getAutoCommit());
            rs.next();
            assertEquals(0, rs.getInt(1), "the uncommitted insert was rolled back");
        }
        assertEquals(1, ds.opened.get(), "one real connection served all three uses");
        pool.close();
    }

    @Test
    void aConnectionGivenBackCannotBeUsedAndUnpooledOnesAreNotKept() throws SQLException {
        Counting ds = new Counting(new DerbyDataSource(dir.resolve("db")));
        ConnectionPool pool = new ConnectionPool(ds, 2);
        Connection c = pool.getConnection();
        c.close();
        assertTrue(c.isClosed());
        assertThrows(SQLException.class, c::createStatement);
        try (Connection u = pool.unpooledConnection()) {
            assertFalse(u.isClosed());
        }
        pool.getConnection().close();
        assertEquals(2, ds.opened.get(), "the pooled one was reused, the unpooled one was not kept");
    }

    @Test
    void aConnectionClosedUnderneathIsDiscardedAndAfterCloseNothingIsKept() throws SQLException {
        Counting ds = new Counting(new DerbyDataSource(dir.resolve("db")));
        ConnectionPool pool = new ConnectionPool(ds, 2);
        Connection a = pool.getConnection();
        a.unwrap(Connection.class); // passes through
        a.close();
        pool.close(); // closes the idle one
        Connection b = pool.getConnection();
        assertFalse(b.isClosed());
        b.close(); // the pool is closed: really closed, not kept
        pool.getConnection().close();
        assertEquals(3, ds.opened.get());
    }
}
