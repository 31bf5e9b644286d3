package org.filesync.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.persistence.CacheRetrieveMode;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ConduitStatistics;
import org.filesync.api.Generation;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.PathConflict;
import org.filesync.api.PrintablePaths;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.Trigger;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.filesync.store.ConduitStore;
import org.filesync.store.DetectedConflict;
import org.filesync.store.SequenceCheckpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ConduitStore} on the {@code filesync-store} persistence unit. */
@Component(service = ConduitStore.class, name = "org.filesync.store")
public final class JpaConduitStore implements ConduitStore {

    private static final Logger LOG = LoggerFactory.getLogger(JpaConduitStore.class);
    private static final int MAX_ERROR_LENGTH = 4000;
    /** How often a write that raced another is tried in all. */
    private static final int MAX_ATTEMPTS = 10;

    /** Who resolved a conflict that a user decided ({@link PathConflict#resolvedBy()}). */
    private static final String USER = "user";

    private final EntityManagerFactory emf;

    /** Creation checks the existing pairs and inserts in one critical section. */
    private final Lock creation = new ReentrantLock();

    @Activate
    public JpaConduitStore(@Reference(target = "(osgi.unit.name=filesync-store)") EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    public Conduit create(ConduitSpec spec) {
        ConduitOptions options = spec.options();
        creation.lock();
        try {
            EndpointValidator.Endpoints endpoints = EndpointValidator.validate(spec.source(), spec.target(), list());
            Conduit created = inTransaction(em -> {
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
        return read(em -> Optional.ofNullable(em.find(ConduitEntity.class, id)).map(JpaConduitStore::toConduit));
    }

    @Override
    public List<Conduit> list() {
        return read(
                em -> em
                        .createQuery("SELECT c FROM ConduitEntity c ORDER BY c.id", ConduitEntity.class)
                        .getResultList()
                        .stream()
                        .map(JpaConduitStore::toConduit)
                        .toList());
    }

    @Override
    public List<Conduit> listEnabled() {
        return read(em -> em
                .createQuery("SELECT c FROM ConduitEntity c WHERE c.enabled = TRUE ORDER BY c.id", ConduitEntity.class)
                .getResultList()
                .stream()
                .map(JpaConduitStore::toConduit)
                .toList());
    }

    @Override
    public Conduit update(long id, ConduitOptions options) {
        return inTransaction(em -> {
            ConduitEntity entity = find(em, id);
            apply(options, entity);
            return toConduit(entity);
        });
    }

    @Override
    public void delete(long id) {
        inTransaction(em -> {
            ConduitEntity entity = find(em, id);
            em.createQuery("DELETE FROM GenerationEntity g WHERE g.conduitId = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            em.createQuery("DELETE FROM ConflictEntity c WHERE c.conduitId = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            em.createQuery("DELETE FROM BaselineEntity b WHERE b.conduitId = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            em.remove(entity);
            return null;
        });
        LOG.info("Deleted conduit {}", id);
    }

    @Override
    public Conduit recordError(long id, String error) {
        return inTransaction(em -> {
            ConduitEntity entity = find(em, id);
            entity.lastError = truncate(error);
            return toConduit(entity);
        });
    }

    @Override
    public Conduit recordCompletedRun(long id, Instant completed, long files, long bytes) {
        return inTransaction(em -> {
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
    public void saveCheckpoint(long id, SequenceCheckpoint checkpoint) {
        inTransaction(em -> {
            ConduitEntity entity = find(em, id);
            entity.checkpointSource = checkpoint.sourceSequence();
            entity.checkpointTarget = checkpoint.targetSequence();
            entity.checkpointRules = checkpoint.ignoreRules();
            return null;
        });
    }

    @Override
    public Optional<SequenceCheckpoint> checkpoint(long id) {
        return read(em -> Optional.ofNullable(em.find(ConduitEntity.class, id))
                .filter(entity -> entity.checkpointSource != null && entity.checkpointTarget != null)
                .map(entity -> new SequenceCheckpoint(
                        entity.checkpointSource,
                        entity.checkpointTarget,
                        entity.checkpointRules == null ? "" : entity.checkpointRules)));
    }

    @Override
    public Generation startGeneration(
            long conduitId, Instant started, List<String> plannedOperations, Trigger trigger) {
        return inTransaction(em -> {
            ConduitEntity conduit = find(em, conduitId);
            conduit.currentGeneration++;
            Generation generation = Generation.planned(conduitId, conduit.currentGeneration, started, trigger);
            GenerationEntity entity = new GenerationEntity();
            entity.conduitId = conduitId;
            entity.number = generation.number();
            entity.plan = plannedOperations.isEmpty() ? null : String.join("\n", plannedOperations);
            apply(generation, entity);
            em.persist(entity);
            return generation;
        });
    }

    @Override
    public Generation saveGeneration(Generation generation) {
        return inTransaction(em -> {
            GenerationEntity entity = findGeneration(em, generation.conduitId(), generation.number())
                    .orElseThrow(() -> new IllegalArgumentException("Generation " + generation.number() + " of conduit "
                            + generation.conduitId() + " was never started"));
            apply(generation, entity);
            return toGeneration(entity);
        });
    }

    @Override
    public List<String> plannedOperations(long conduitId, long number) {
        return read(em -> findGeneration(em, conduitId, number)
                .map(entity -> entity.plan == null ? List.<String>of() : Arrays.asList(entity.plan.split("\n")))
                .orElse(List.of()));
    }

    @Override
    public Optional<Generation> generation(long conduitId, long number) {
        return read(em -> findGeneration(em, conduitId, number).map(JpaConduitStore::toGeneration));
    }

    @Override
    public List<Generation> history(long conduitId) {
        return read(em -> em
                .createQuery(
                        "SELECT g FROM GenerationEntity g WHERE g.conduitId = :id ORDER BY g.number DESC",
                        GenerationEntity.class)
                .setParameter("id", conduitId)
                .getResultList()
                .stream()
                .map(JpaConduitStore::toGeneration)
                .toList());
    }

    @Override
    public Conduit saveScheduleState(long id, ScheduleState state) {
        return inTransaction(em -> {
            ConduitEntity entity = find(em, id);
            entity.nextRun = state.nextRun().map(Instant::toEpochMilli).orElse(null);
            entity.scheduleFailures = state.failures();
            entity.holdReason = state.hold().map(JpaConduitStore::truncate).orElse(null);
            return toConduit(entity);
        });
    }

    @Override
    public void clearCheckpoint(long id) {
        inTransaction(em -> {
            ConduitEntity entity = find(em, id);
            entity.checkpointSource = null;
            entity.checkpointTarget = null;
            entity.checkpointRules = null;
            return null;
        });
    }

    @Override
    public void updateBaseline(long conduitId, Collection<BaselineRecord> record, Collection<String> forget) {
        if (record.isEmpty() && forget.isEmpty()) {
            return;
        }
        jdbc(c -> {
            BaselineTable.update(c, conduitId, record, forget);
            return null;
        });
    }

    @Override
    public BaselineReader openBaseline(long conduitId) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            return new JdbcBaselineReader(em, conduitId);
        } catch (RuntimeException e) {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
            throw e;
        }
    }

    @Override
    public void clearBaseline(long conduitId) {
        jdbc(c -> {
            BaselineTable.clear(c, conduitId);
            return null;
        });
    }

    @Override
    public List<PathConflict> recordConflicts(
            long conduitId, long generation, List<DetectedConflict> conflicts, Instant at) {
        if (conflicts.isEmpty()) {
            return List.of();
        }
        return inTransaction(em -> {
            // the conduit's pending conflicts and waiting decisions read once, not once per detected conflict
            Map<String, ConflictEntity> pending = new HashMap<>();
            pendingConflicts(em, conduitId).forEach(entity -> pending.putIfAbsent(entity.path, entity));
            Map<String, ConflictEntity> decided = new HashMap<>();
            decisionsAwaitingApply(em, conduitId).forEach(entity -> decided.putIfAbsent(entity.path, entity));
            List<PathConflict> recorded = new ArrayList<>(conflicts.size());
            for (DetectedConflict conflict : conflicts) {
                ConflictEntity decision = decided.get(conflict.path());
                if (decision != null
                        && conflict.resolvedBy().equals(USER)
                        && conflict.resolution().isPresent()) {
                    // The run that applies a user's decision detects the conflict again: it is the same conflict,
                    // listed once, and its decision waits until a generation has applied it.
                    decision.generation = generation;
                    decision.type = conflict.type();
                    decision.sourceFacts = ConflictFacts.encode(conflict.source());
                    decision.targetFacts = ConflictFacts.encode(conflict.target());
                    recorded.add(toConflict(decision));
                    continue;
                }
                ConflictEntity entity = pending.computeIfAbsent(conflict.path(), path -> {
                    ConflictEntity created = new ConflictEntity();
                    created.conduitId = conduitId;
                    created.path = path;
                    created.detected = at.toEpochMilli();
                    em.persist(created);
                    return created;
                });
                Optional<String> resolution = conflict.resolution();
                entity.generation = generation;
                entity.type = conflict.type();
                entity.sourceFacts = ConflictFacts.encode(conflict.source());
                entity.targetFacts = ConflictFacts.encode(conflict.target());
                entity.status = resolution.isPresent() ? "RESOLVED" : "PENDING";
                entity.resolution = resolution.orElse(null);
                entity.resolvedBy = resolution.isPresent() ? conflict.resolvedBy() : null;
                entity.resolved = resolution.isPresent() ? at.toEpochMilli() : null;
                entity.awaitsApply = false;
                recorded.add(toConflict(entity));
            }
            return recorded;
        });
    }

    @Override
    public List<PathConflict> conflicts(long conduitId, boolean pendingOnly) {
        return read(em -> em
                .createQuery(
                        "SELECT c FROM ConflictEntity c WHERE c.conduitId = :id"
                                + (pendingOnly ? " AND c.status = 'PENDING'" : "") + " ORDER BY c.path, c.detected",
                        ConflictEntity.class)
                .setParameter("id", conduitId)
                .getResultList()
                .stream()
                .map(JpaConduitStore::toConflict)
                .toList());
    }

    @Override
    public PathConflict decideConflict(long conduitId, String path, String resolution, Instant at) {
        return inTransaction(em -> {
            find(em, conduitId);
            ConflictEntity entity = pendingConflict(em, conduitId, path)
                    .orElseThrow(() -> new InvalidRequestException("Conduit " + conduitId
                            + " has no pending conflict at " + PrintablePaths.printable(path)
                            + ": see filesync:conflicts " + conduitId));
            entity.status = "RESOLVED";
            entity.resolution = resolution;
            entity.resolvedBy = USER;
            entity.resolved = at.toEpochMilli();
            entity.awaitsApply = true;
            return toConflict(entity);
        });
    }

    @Override
    public Map<String, String> userDecisions(long conduitId) {
        return read(em -> {
            Map<String, String> decisions = new TreeMap<>();
            decisionsAwaitingApply(em, conduitId).forEach(entity -> decisions.put(entity.path, entity.resolution));
            return decisions;
        });
    }

    private static List<ConflictEntity> decisionsAwaitingApply(EntityManager em, long conduitId) {
        return em.createQuery(
                        "SELECT c FROM ConflictEntity c WHERE c.conduitId = :id AND c.awaitsApply = TRUE",
                        ConflictEntity.class)
                .setParameter("id", conduitId)
                .getResultList();
    }

    @Override
    public void markDecisionsApplied(long conduitId, Collection<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        Set<String> applied = new HashSet<>(paths);
        inTransaction(em -> {
            decisionsAwaitingApply(em, conduitId).stream()
                    .filter(entity -> applied.contains(entity.path))
                    .forEach(entity -> entity.awaitsApply = false);
            return null;
        });
    }

    private static Optional<ConflictEntity> pendingConflict(EntityManager em, long conduitId, String path) {
        return pendingConflicts(em, conduitId).stream()
                .filter(entity -> entity.path.equals(path))
                .findFirst();
    }

    private static List<ConflictEntity> pendingConflicts(EntityManager em, long conduitId) {
        return em.createQuery(
                        "SELECT c FROM ConflictEntity c WHERE c.conduitId = :id AND c.status = 'PENDING'",
                        ConflictEntity.class)
                .setParameter("id", conduitId)
                .getResultList();
    }

    private static PathConflict toConflict(ConflictEntity entity) {
        return new PathConflict(
                entity.conduitId,
                entity.generation,
                entity.path,
                entity.type,
                ConflictFacts.decode(entity.sourceFacts),
                ConflictFacts.decode(entity.targetFacts),
                PathConflict.Status.valueOf(entity.status),
                Optional.ofNullable(entity.resolution),
                Optional.ofNullable(entity.resolvedBy),
                Instant.ofEpochMilli(entity.detected),
                Optional.ofNullable(entity.resolved).map(Instant::ofEpochMilli));
    }

    private static ConduitEntity find(EntityManager em, long id) {
        ConduitEntity entity = em.find(ConduitEntity.class, id);
        if (entity == null) {
            throw new ConduitNotFoundException(id);
        }
        return entity;
    }

    private static Optional<GenerationEntity> findGeneration(EntityManager em, long conduitId, long number) {
        return em.createQuery(
                        "SELECT g FROM GenerationEntity g WHERE g.conduitId = :id AND g.number = :number",
                        GenerationEntity.class)
                .setParameter("id", conduitId)
                .setParameter("number", number)
                .getResultStream()
                .findFirst();
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
        entity.ignoreRules = options.ignores().isEmpty() ? null : String.join("\n", options.ignores());
    }

    private static void apply(Generation generation, GenerationEntity entity) {
        entity.started = generation.started().toEpochMilli();
        entity.completed = generation.completed().map(Instant::toEpochMilli).orElse(null);
        entity.phase = generation.phase().name();
        entity.filesCopied = generation.filesCopied();
        entity.filesDeleted = generation.filesDeleted();
        entity.conflicts = generation.conflicts();
        entity.bytes = generation.bytes();
        entity.errors = generation.errors().isEmpty() ? null : String.join("\n", generation.errors());
        entity.verification = generation.verification();
        entity.verifiedAt = generation.verifiedAt().map(Instant::toEpochMilli).orElse(null);
        entity.ignored = generation.ignored();
        entity.warnings = generation.warnings().isEmpty() ? null : String.join("\n", generation.warnings());
        entity.trigger = generation.trigger().label();
    }

    /** The lines of a text column joined with newlines; none for {@code null}. */
    private static List<String> lines(String column) {
        return column == null ? List.of() : Arrays.asList(column.split("\n"));
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
                lines(entity.ignoreRules));
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

    private static Generation toGeneration(GenerationEntity entity) {
        return new Generation(
                entity.conduitId,
                entity.number,
                Instant.ofEpochMilli(entity.started),
                Optional.ofNullable(entity.completed).map(Instant::ofEpochMilli),
                Generation.Phase.valueOf(entity.phase),
                entity.filesCopied,
                entity.filesDeleted,
                entity.conflicts,
                entity.bytes,
                lines(entity.errors),
                entity.verification,
                Optional.ofNullable(entity.verifiedAt).map(Instant::ofEpochMilli),
                entity.ignored == null ? 0 : entity.ignored,
                lines(entity.warnings),
                entity.trigger == null ? Trigger.MANUAL : Trigger.parse(entity.trigger));
    }

    private static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        return error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private <T> T read(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    /** Work on the JDBC connection of a transaction of the persistence unit. */
    private <T> T jdbc(SqlWork<T> work) {
        return inTransaction(em -> {
            try {
                return work.apply(em.unwrap(Connection.class));
            } catch (SQLException e) {
                throw new PersistenceException(e.getMessage(), e);
            }
        });
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs the work in a transaction of its own. A conduit's row is written by several parties at
     * once (a run's engine, the scheduler's state, a user's update); its {@code @Version} turns a
     * write that raced another into an optimistic-lock failure, and the work, which only reads and
     * sets entities, is then run again on a fresh read, a few times.
     */
    private <T> T inTransaction(Function<EntityManager, T> work) {
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
}
