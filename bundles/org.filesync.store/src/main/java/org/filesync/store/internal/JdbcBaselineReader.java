package org.filesync.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;

/** A {@link BaselineReader} on the connection of one open (read-only) transaction. */
final class JdbcBaselineReader implements BaselineReader {

    private final EntityManager em;
    private final long conduitId;
    private final Connection connection;
    private PreparedStatement lookup;

    JdbcBaselineReader(EntityManager em, long conduitId) {
        this.em = em;
        this.conduitId = conduitId;
        this.connection = em.unwrap(Connection.class);
    }

    @Override
    public boolean any() {
        try {
            return BaselineTable.any(connection, conduitId);
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<BaselineRecord> entry(String path) {
        try {
            if (lookup == null) {
                lookup = BaselineTable.prepareLookup(connection);
            }
            return BaselineTable.entry(lookup, conduitId, path);
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    @Override
    public List<BaselineRecord> all() {
        try {
            return BaselineTable.all(connection, conduitId);
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (lookup != null) {
                lookup.close();
            }
        } catch (SQLException e) {
            // closing the transaction below releases it anyway
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
