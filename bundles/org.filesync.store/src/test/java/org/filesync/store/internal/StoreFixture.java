package org.filesync.store.internal;

import java.nio.file.Path;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import org.filesync.testsupport.DerbyDataSource;

/** Opens the real persistence unit outside OSGi, on an embedded Derby database in a folder. */
final class StoreFixture {

    private StoreFixture() {}

    static EntityManagerFactory open(Path databaseFolder) {
        DataSource dataSource = new DerbyDataSource(databaseFolder.resolve("db"));
        return Persistence.createEntityManagerFactory(
                "filesync-store", Map.of("javax.persistence.nonJtaDataSource", dataSource));
    }
}
