package org.filesync.index.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps up to {@code idle} connections of a DataSource open between uses. {@link #getConnection()}
 * hands out a connection whose {@code close()} returns it here, in auto-commit mode, after rolling
 * back anything left uncommitted; a connection that fails that (or is closed, e.g. after the
 * database was shut down) is really closed and never handed out again. A connection idle for
 * longer than {@link #VALIDATE_AFTER_NANOS} is validated before it is handed out, so that a
 * database server restarted while the index was quiet costs no failed statement. Thread-safe.
 */
final class ConnectionPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final DataSource dataSource;
    private final int idle;
    /** Idle time after which a connection is validated (with a round trip) before it is used. */
    static final long VALIDATE_AFTER_NANOS = 1_000_000_000L;

    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private record Idle(Connection connection, long sinceNanos) {}

    private final Deque<Idle> free = new ArrayDeque<>(); // guarded by this
    private boolean closed; // guarded by this

    ConnectionPool(DataSource dataSource, int idle) {
        this.dataSource = dataSource;
        this.idle = idle;
    }

    Connection getConnection() throws SQLException {
        while (true) {
            Idle idleConnection;
            synchronized (this) {
                idleConnection = free.pollFirst();
            }
            if (idleConnection == null) {
                return wrap(dataSource.getConnection());
            }
            Connection c = idleConnection.connection();
            boolean usable;
            try {
                usable = System.nanoTime() - idleConnection.sinceNanos() < VALIDATE_AFTER_NANOS
                        ? !c.isClosed()
                        : c.isValid(VALIDATION_TIMEOUT_SECONDS);
            } catch (SQLException e) {
                usable = false;
            }
            if (usable) {
                return wrap(c);
            }
            closeQuietly(c);
        }
    }

    /** A connection of the DataSource that is really closed by {@code close()}. */
    Connection unpooledConnection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Closes the idle connections; connections in use are closed when they are given back. */
    void close() {
        Deque<Idle> all;
        synchronized (this) {
            closed = true;
            all = new ArrayDeque<>(free);
            free.clear();
        }
        all.forEach(idleConnection -> closeQuietly(idleConnection.connection()));
    }

    private void giveBack(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (c.isClosed()) {
                return;
            }
        } catch (SQLException e) {
            LOG.debug("index connection not reusable: {}", e.toString());
            closeQuietly(c);
            return;
        }
        synchronized (this) {
            if (!closed && free.size() < idle) {
                free.addFirst(new Idle(c, System.nanoTime()));
                return;
            }
        }
        closeQuietly(c);
    }

    private Connection wrap(Connection real) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean released;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        if (!released) {
                            released = true;
                            giveBack(real);
                        }
                        return null;
                    case "isClosed":
                        return released || real.isClosed();
                    case "unwrap":
                    case "isWrapperFor":
                        break;
                    default:
                        if (released) {
                            throw new SQLException("connection already closed");
                        }
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(
                ConnectionPool.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing an index connection: {}", e.toString());
        }
    }
}
