package org.filesync.store.internal;

import javax.persistence.EntityManager;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineStore;

/** {@link BaselineStore} on the baseline rows, in bulk through JDBC ({@link BaselineTable}). */
final class JpaBaselines implements BaselineStore {

    private final Transactions transactions;

    JpaBaselines(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public BaselineReader openBaseline(long conduitId) {
        EntityManager em = transactions.begin();
        try {
            return new JdbcBaselineReader(em, conduitId);
        } catch (RuntimeException e) {
            em.getTransaction().rollback();
            em.close();
            throw e;
        }
    }

    @Override
    public void updateBaseline(long conduitId, BaselineChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        transactions.jdbc(connection -> {
            BaselineTable.update(connection, conduitId, changes);
            return null;
        });
    }
}
