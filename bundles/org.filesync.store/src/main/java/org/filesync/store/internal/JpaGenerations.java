package org.filesync.store.internal;

import static org.filesync.store.internal.ConduitRows.find;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import org.filesync.api.Generation;
import org.filesync.api.Trigger;
import org.filesync.store.BaselineChanges;
import org.filesync.store.GenerationStore;
import org.filesync.store.SequenceCheckpoint;

/**
 * {@link GenerationStore} on the generation rows ({@link GenerationEntity}) and the checkpoint
 * columns of the conduit row.
 */
final class JpaGenerations implements GenerationStore {

    private final Transactions transactions;

    JpaGenerations(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Generation startGeneration(
            long conduitId, Instant started, List<String> plannedOperations, Trigger trigger) {
        return transactions.inConduitTransaction(conduitId, em -> {
            ConduitEntity conduit = find(em, conduitId);
            conduit.currentGeneration++;
            Generation generation = Generation.planned(conduitId, conduit.currentGeneration, started, trigger);
            GenerationEntity entity = new GenerationEntity();
            entity.conduitId = conduitId;
            entity.number = generation.number();
            entity.plan = ConduitRows.column(plannedOperations);
            apply(generation, entity);
            em.persist(entity);
            return generation;
        });
    }

    @Override
    public Generation saveGeneration(Generation generation) {
        return transactions.inTransaction(em -> save(em, generation));
    }

    @Override
    public Generation completeGeneration(
            Generation generation,
            BaselineChanges baseline,
            Collection<String> appliedDecisions,
            Optional<SequenceCheckpoint> checkpoint) {
        long conduitId = generation.conduitId();
        return transactions.inConduitTransaction(conduitId, em -> {
            Generation saved = save(em, generation);
            JpaConflicts.markDecisionsApplied(em, conduitId, appliedDecisions);
            if (!baseline.isEmpty()) {
                Transactions.onConnection(em, connection -> {
                    BaselineTable.update(connection, conduitId, baseline);
                    return null;
                });
            }
            // the conduit's row last, read just before the commit: other writers race for it
            if (checkpoint.isPresent()) {
                ConduitEntity conduit = find(em, conduitId);
                conduit.checkpointSource = checkpoint.get().sourceSequence();
                conduit.checkpointTarget = checkpoint.get().targetSequence();
                conduit.checkpointRules = checkpoint.get().ignoreRules();
            }
            return saved;
        });
    }

    @Override
    public Generation failGeneration(Generation failed, String error) {
        return transactions.inConduitTransaction(failed.conduitId(), em -> {
            Generation saved = save(em, failed);
            // the conduit's row last, read just before the commit: other writers race for it
            find(em, failed.conduitId()).lastError = ConduitRows.truncate(error);
            return saved;
        });
    }

    private static Generation save(EntityManager em, Generation generation) {
        GenerationEntity entity = findGeneration(em, generation.conduitId(), generation.number())
                .orElseThrow(() -> new IllegalArgumentException("Generation " + generation.number() + " of conduit "
                        + generation.conduitId() + " was never started"));
        apply(generation, entity);
        return toGeneration(entity);
    }

    @Override
    public List<String> plannedOperations(long conduitId, long number) {
        return transactions.read(em -> findGeneration(em, conduitId, number)
                .map(entity -> ConduitRows.lines(entity.plan))
                .orElse(List.of()));
    }

    @Override
    public Optional<Generation> generation(long conduitId, long number) {
        return transactions.read(em -> findGeneration(em, conduitId, number).map(JpaGenerations::toGeneration));
    }

    @Override
    public List<Generation> history(long conduitId) {
        return transactions.read(em -> em
                .createQuery(
                        "SELECT g FROM GenerationEntity g WHERE g.conduitId = :id ORDER BY g.number DESC",
                        GenerationEntity.class)
                .setParameter("id", conduitId)
                .getResultList()
                .stream()
                .map(JpaGenerations::toGeneration)
                .toList());
    }

    @Override
    public Optional<SequenceCheckpoint> checkpoint(long conduitId) {
        return transactions.read(em -> Optional.ofNullable(em.find(ConduitEntity.class, conduitId))
                .filter(entity -> entity.checkpointSource != null && entity.checkpointTarget != null)
                .map(entity -> new SequenceCheckpoint(
                        entity.checkpointSource,
                        entity.checkpointTarget,
                        entity.checkpointRules == null ? "" : entity.checkpointRules)));
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

    private static void apply(Generation generation, GenerationEntity entity) {
        entity.started = generation.started().toEpochMilli();
        entity.completed = generation.completed().map(Instant::toEpochMilli).orElse(null);
        entity.phase = generation.phase().name();
        entity.filesCopied = generation.filesCopied();
        entity.filesDeleted = generation.filesDeleted();
        entity.filesMoved = generation.filesMoved();
        entity.conflicts = generation.conflicts();
        entity.bytes = generation.bytes();
        entity.errors = ConduitRows.column(generation.errors());
        entity.verification = generation.verification();
        entity.verifiedAt = generation.verifiedAt().map(Instant::toEpochMilli).orElse(null);
        entity.ignored = generation.ignored();
        entity.warnings = ConduitRows.column(generation.warnings());
        entity.trigger = generation.trigger().label();
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
                entity.filesMoved == null ? 0 : entity.filesMoved,
                entity.conflicts,
                entity.bytes,
                ConduitRows.lines(entity.errors),
                entity.verification,
                Optional.ofNullable(entity.verifiedAt).map(Instant::ofEpochMilli),
                entity.ignored == null ? 0 : entity.ignored,
                ConduitRows.lines(entity.warnings),
                entity.trigger == null ? Trigger.MANUAL : Trigger.parse(entity.trigger));
    }
}
