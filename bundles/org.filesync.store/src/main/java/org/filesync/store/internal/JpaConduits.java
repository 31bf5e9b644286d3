package org.filesync.store.internal;

import static org.filesync.store.internal.ConduitRows.find;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.persistence.EntityManager;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ConduitStatistics;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.store.ConduitStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ConduitStore} on the conduit rows ({@link ConduitEntity}). */
final class JpaConduits implements ConduitStore {

    private static final Logger LOG = LoggerFactory.getLogger(JpaConduits.class);

    private final Transactions transactions;

    /** Creation checks the existing pairs and inserts in one critical section. */
    private final Lock creation = new ReentrantLock();

    JpaConduits(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Conduit create(ConduitSpec spec) {
        ConduitOptions options = spec.options();
        creation.lock();
        try {
            EndpointValidator.Endpoints endpoints = EndpointValidator.validate(spec.source(), spec.target(), list());
            Conduit created = transactions.inTransaction(em -> {
                ConduitEntity entity = new ConduitEntity();
                entity.uuid = UUID.randomUUID().toString();
                entity.sourcePath = endpoints.source().toString();
                entity.targetPath = endpoints.target().toString();
                apply(options, entity);
                em.persist(entity);
                em.flush();
                return toConduit(entity);
            });
            LOG.info("Created conduit {}: {} -> {}", created.id(), created.source(), created.target());
            return created;
        } finally {
            creation.unlock();
        }
    }

    @Override
    public Optional<Conduit> get(long id) {
        return transactions.read(
                em -> Optional.ofNullable(em.find(ConduitEntity.class, id)).map(JpaConduits::toConduit));
    }

    @Override
    public List<Conduit> list() {
        return transactions.read(
                em -> em
                        .createQuery("SELECT c FROM ConduitEntity c ORDER BY c.id", ConduitEntity.class)
                        .getResultList()
                        .stream()
                        .map(JpaConduits::toConduit)
                        .toList());
    }

    @Override
    public List<Conduit> listEnabled() {
        return transactions.read(em -> em
                .createQuery("SELECT c FROM ConduitEntity c WHERE c.enabled = TRUE ORDER BY c.id", ConduitEntity.class)
                .getResultList()
                .stream()
                .map(JpaConduits::toConduit)
                .toList());
    }

    @Override
    public Conduit update(long id, ConduitOptions options) {
        return transactions.inConduitTransaction(id, em -> {
            ConduitEntity entity = find(em, id);
            apply(options, entity);
            return toConduit(entity);
        });
    }

    @Override
    public Conduit updateForgettingAgreement(long id, ConduitOptions options) {
        return transactions.inConduitTransaction(id, em -> {
            ConduitEntity entity = find(em, id);
            apply(options, entity);
            ConduitRows.forgetCheckpoint(entity);
            Transactions.onConnection(em, connection -> {
                BaselineTable.clear(connection, id);
                return null;
            });
            return toConduit(entity);
        });
    }

    @Override
    public void delete(long id) {
        transactions.inConduitTransaction(id, em -> {
            ConduitEntity entity = find(em, id);
            deleteAll(em, "GenerationEntity", id);
            deleteAll(em, "ConflictEntity", id);
            deleteAll(em, "BaselineEntity", id);
            em.remove(entity);
            return null;
        });
        LOG.info("Deleted conduit {}", id);
    }

    private static void deleteAll(EntityManager em, String entity, long conduitId) {
        em.createQuery("DELETE FROM " + entity + " e WHERE e.conduitId = :id")
                .setParameter("id", conduitId)
                .executeUpdate();
    }

    @Override
    public Conduit recordError(long id, String error) {
        return transactions.inConduitTransaction(id, em -> {
            ConduitEntity entity = find(em, id);
            entity.lastError = ConduitRows.truncate(error);
            return toConduit(entity);
        });
    }

    @Override
    public Conduit recordCompletedRun(long id, Instant completed, long files, long bytes) {
        return transactions.inConduitTransaction(id, em -> {
            ConduitEntity entity = find(em, id);
            ConduitStatistics statistics = new ConduitStatistics(
                            entity.totalSyncs, entity.filesSynced, entity.bytesSynced)
                    .plusRun(files, bytes);
            entity.totalSyncs = statistics.totalSyncs();
            entity.filesSynced = statistics.filesSynced();
            entity.bytesSynced = statistics.bytesSynced();
            entity.lastCompleted = completed.toEpochMilli();
            entity.lastError = null;
            return toConduit(entity);
        });
    }

    @Override
    public Conduit saveScheduleState(long id, ScheduleState state) {
        return transactions.inConduitTransaction(id, em -> {
            ConduitEntity entity = find(em, id);
            entity.nextRun = state.nextRun().map(Instant::toEpochMilli).orElse(null);
            entity.scheduleFailures = state.failures();
            entity.holdReason = state.hold().map(ConduitRows::truncate).orElse(null);
            return toConduit(entity);
        });
    }

    private static void apply(ConduitOptions options, ConduitEntity entity) {
        entity.mode = options.mode();
        entity.conflictStrategy = options.conflictStrategy();
        entity.deleteStrategy = options.deleteStrategy();
        entity.schedule = options.schedule().toString();
        entity.instantDelayMillis = options.schedule().kind() == Schedule.Kind.INSTANT
                ? options.schedule().delay().toMillis()
                : null;
        entity.parallelTransfers = options.parallelTransfers();
        entity.bandwidthLimit = options.bandwidthLimit();
        entity.maxDeletePercent = options.maxDeletePercent();
        entity.enabled = options.enabled();
        entity.verifyRetry = options.verifyRetry();
        entity.ignoreRules = ConduitRows.column(options.ignores());
    }

    private static Conduit toConduit(ConduitEntity entity) {
        ConduitOptions options = new ConduitOptions(
                entity.mode,
                entity.conflictStrategy,
                entity.deleteStrategy,
                schedule(entity),
                entity.parallelTransfers,
                entity.bandwidthLimit,
                entity.maxDeletePercent,
                entity.enabled,
                entity.verifyRetry,
                ConduitRows.lines(entity.ignoreRules));
        return new Conduit(
                entity.id,
                UUID.fromString(entity.uuid),
                Path.of(entity.sourcePath),
                Path.of(entity.targetPath),
                options,
                Optional.ofNullable(entity.lastCompleted).map(Instant::ofEpochMilli),
                entity.currentGeneration,
                Optional.ofNullable(entity.lastError),
                new ConduitStatistics(entity.totalSyncs, entity.filesSynced, entity.bytesSynced),
                new ScheduleState(
                        Optional.ofNullable(entity.nextRun).map(Instant::ofEpochMilli),
                        entity.scheduleFailures == null ? 0 : entity.scheduleFailures,
                        Optional.ofNullable(entity.holdReason)));
    }

    private static Schedule schedule(ConduitEntity entity) {
        Schedule schedule = Schedule.parse(entity.schedule);
        return schedule.kind() == Schedule.Kind.INSTANT && entity.instantDelayMillis != null
                ? schedule.withDelay(Duration.ofMillis(entity.instantDelayMillis))
                : schedule;
    }
}
