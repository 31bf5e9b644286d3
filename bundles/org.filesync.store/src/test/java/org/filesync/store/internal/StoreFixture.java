package org.filesync.store.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

/** Opens the real persistence unit outside OSGi, on an embedded Derby database in a folder. */
final class StoreFixture {

    private StoreFixture() {}

    static EntityManagerFactory open(Path databaseFolder) {
        DataSource dataSource = new DerbyDataSource("jdbc:derby:" + databaseFolder.resolve("db") + ";create=true");
        return Persistence.createEntityManagerFactory(
                "filesync-store", Map.of("javax.persistence.nonJtaDataSource", dataSource));
    }

    /** The smallest DataSource over Derby's embedded driver. */
    private record DerbyDataSource(String url) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
