package org.filesync.store.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ConduitStatistics;
import org.filesync.api.Generation;
import org.filesync.api.Schedule;
import org.filesync.store.ConduitStore;
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
        PluginNames.check(options);
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
        PluginNames.check(options);
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
            return null;
        });
    }

    @Override
    public Optional<SequenceCheckpoint> checkpoint(long id) {
        return read(em -> Optional.ofNullable(em.find(ConduitEntity.class, id))
                .filter(entity -> entity.checkpointSource != null && entity.checkpointTarget != null)
                .map(entity -> new SequenceCheckpoint(entity.checkpointSource, entity.checkpointTarget)));
    }

    @Override
    public Generation startGeneration(long conduitId, Instant started, List<String> plannedOperations) {
        return inTransaction(em -> {
            ConduitEntity conduit = find(em, conduitId);
            conduit.currentGeneration++;
            Generation generation = Generation.planned(conduitId, conduit.currentGeneration, started);
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
        entity.parallelTransfers = options.parallelTransfers();
        entity.bandwidthLimit = options.bandwidthLimit();
        entity.maxDeletePercent = options.maxDeletePercent();
        entity.enabled = options.enabled();
        entity.verifyRetry = options.verifyRetry();
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
    }

    private static Conduit toConduit(ConduitEntity entity) {
        ConduitOptions options = new ConduitOptions(
                entity.mode,
                entity.conflictStrategy,
                entity.deleteStrategy,
                Schedule.parse(entity.schedule),
                entity.parallelTransfers,
                entity.bandwidthLimit,
                entity.maxDeletePercent,
                entity.enabled,
                entity.verifyRetry);
        return new Conduit(
                entity.id,
                UUID.fromString(entity.uuid),
                Path.of(entity.sourcePath),
                Path.of(entity.targetPath),
                options,
                Optional.ofNullable(entity.lastCompleted).map(Instant::ofEpochMilli),
                entity.currentGeneration,
                Optional.ofNullable(entity.lastError),
                new ConduitStatistics(entity.totalSyncs, entity.filesSynced, entity.bytesSynced));
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
                entity.errors == null ? List.of() : Arrays.asList(entity.errors.split("\n")),
                entity.verification,
                Optional.ofNullable(entity.verifiedAt).map(Instant::ofEpochMilli));
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

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
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
