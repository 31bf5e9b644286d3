package org.filesync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.persistence.CacheRetrieveMode;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The units of work of the persistence unit: reads, and transactions that are run again when they
 * raced another writer. The first unit of work brings the schema up to date ({@link
 * SchemaMigrator}); until that has succeeded, every unit of work tries it first.
 */
final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    /** How often a write that raced another is tried in all. */
    private static final int MAX_ATTEMPTS = 10;
    /** Writers of one conduit's row in this JVM take turns on one of these (chosen by the conduit's id). */
    private static final int CONDUIT_LOCK_STRIPES = 64;

    private final ReentrantLock[] conduitLocks = new ReentrantLock[CONDUIT_LOCK_STRIPES];

    private final EntityManagerFactory emf;
    private final SchemaMigrator migrator;
    private volatile boolean schemaCurrent;

    Transactions(EntityManagerFactory emf, SchemaMigrator migrator) {
        this.emf = emf;
        this.migrator = migrator;
        for (int i = 0; i < conduitLocks.length; i++) {
            conduitLocks[i] = new ReentrantLock();
        }
    }

    /** Work that only reads. */
    <T> T read(Function<EntityManager, T> work) {
        EntityManager em = open();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    /** Work on the JDBC connection of a transaction of the persistence unit. */
    <T> T jdbc(SqlWork<T> work) {
        return inTransaction(em -> onConnection(em, work));
    }

    /** Work on the JDBC connection of the entity manager's transaction. */
    static <T> T onConnection(EntityManager em, SqlWork<T> work) {
        try {
            return work.apply(em.unwrap(Connection.class));
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    /** Work on a JDBC connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Begins a transaction that the caller ends by closing the returned entity manager (a reader
     * held open for the length of a resolution).
     */
    EntityManager begin() {
        EntityManager em = open();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            return em;
        } catch (RuntimeException e) {
            em.close();
            throw e;
        }
    }

    /**
     * Runs the work in a transaction of its own. A conduit's row is written by several parties at
     * once (a run's engine, the scheduler's state, a user's update); its {@code @Version} turns a
     * write that raced another into an optimistic-lock failure, and the work, which only reads and
     * sets entities, is then run again on a fresh read, a few times.
     */
    <T> T inTransaction(Function<EntityManager, T> work) {
        requireCurrentSchema();
        for (int attempt = 1; ; attempt++) {
            try {
                return inOneTransaction(work, attempt > 1);
            } catch (PersistenceException e) {
                if (attempt >= MAX_ATTEMPTS || !raced(e)) {
                    throw e;
                }
                LOG.debug("a write raced another (attempt {}), running it again: {}", attempt, e.toString());
                // a short, growing, random pause, so that the writers that raced do not race again
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(
                        ThreadLocalRandom.current().nextLong(1, 1 + 5L * attempt)));
            }
        }
    }

    /**
     * Runs work that writes a conduit's row in a transaction of its own. The writers of one
     * conduit's row in this JVM take turns, so that they do not wear out their attempts racing each
     * other; a writer in another process (a shared database) is still met by the retries of {@link
     * #inTransaction}.
     */
    <T> T inConduitTransaction(long conduitId, Function<EntityManager, T> work) {
        ReentrantLock lock = conduitLocks[Math.floorMod(Long.hashCode(conduitId), conduitLocks.length)];
        lock.lock();
        try {
            return inTransaction(work);
        } finally {
            lock.unlock();
        }
    }

    private static boolean raced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException
                    || cause.getClass()
                            .getName()
                            .equals("org.eclipse.persistence.exceptions.OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }

    private <T> T inOneTransaction(Function<EntityManager, T> work, boolean fromDatabase) {
        EntityManager em = emf.createEntityManager();
        if (fromDatabase) { // after a race: read what the other writer committed, not the shared cache
            em.setProperty("javax.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS);
        }
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    private EntityManager open() {
        requireCurrentSchema();
        return emf.createEntityManager();
    }

    private void requireCurrentSchema() {
        if (!schemaCurrent) {
            migrate();
        }
    }

    private synchronized void migrate() {
        if (schemaCurrent) {
            return;
        }
        inOneTransaction(
                em -> onConnection(em, connection -> {
                    migrator.migrate(connection);
                    return null;
                }),
                false);
        schemaCurrent = true;
    }
}
