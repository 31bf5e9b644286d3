package org.filesync.store.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.PathConflict;
import org.filesync.api.ScheduleState;
import org.filesync.api.Trigger;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineStore;
import org.filesync.store.ConduitStore;
import org.filesync.store.ConflictStore;
import org.filesync.store.DetectedConflict;
import org.filesync.store.GenerationStore;
import org.filesync.store.SequenceCheckpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The store's one component, on the {@code filesync-store} persistence unit: it registers the four
 * aggregates' interfaces and hands each call to the aggregate's class, so that they share one
 * schema migration (on the first call, not in {@code @Activate}) and one set of transactions.
 */
@Component(
        service = {ConduitStore.class, GenerationStore.class, BaselineStore.class, ConflictStore.class},
        name = "org.filesync.store")
public final class JpaStore implements ConduitStore, GenerationStore, BaselineStore, ConflictStore {

    private final ConduitStore conduits;
    private final GenerationStore generations;
    private final BaselineStore baselines;
    private final ConflictStore conflicts;

    @Activate
    public JpaStore(@Reference(target = "(osgi.unit.name=filesync-store)") EntityManagerFactory emf) {
        Transactions transactions = new Transactions(emf, new SchemaMigrator(StoreMigrations.ALL));
        this.conduits = new JpaConduits(transactions);
        this.generations = new JpaGenerations(transactions);
        this.baselines = new JpaBaselines(transactions);
        this.conflicts = new JpaConflicts(transactions);
    }

    @Override
    public Conduit create(ConduitSpec spec) {
        return conduits.create(spec);
    }

    @Override
    public Optional<Conduit> get(long id) {
        return conduits.get(id);
    }

    @Override
    public List<Conduit> list() {
        return conduits.list();
    }

    @Override
    public List<Conduit> listEnabled() {
        return conduits.listEnabled();
    }

    @Override
    public Conduit update(long id, ConduitOptions options) {
        return conduits.update(id, options);
    }

    @Override
    public Conduit updateForgettingAgreement(long id, ConduitOptions options) {
        return conduits.updateForgettingAgreement(id, options);
    }

    @Override
    public void delete(long id) {
        conduits.delete(id);
    }

    @Override
    public Conduit recordError(long id, String error) {
        return conduits.recordError(id, error);
    }

    @Override
    public Conduit recordCompletedRun(long id, Instant completed, long files, long bytes) {
        return conduits.recordCompletedRun(id, completed, files, bytes);
    }

    @Override
    public Conduit saveScheduleState(long id, ScheduleState state) {
        return conduits.saveScheduleState(id, state);
    }

    @Override
    public Generation startGeneration(
            long conduitId, Instant started, List<String> plannedOperations, Trigger trigger) {
        return generations.startGeneration(conduitId, started, plannedOperations, trigger);
    }

    @Override
    public Generation saveGeneration(Generation generation) {
        return generations.saveGeneration(generation);
    }

    @Override
    public Generation completeGeneration(
            Generation generation,
            BaselineChanges baseline,
            Collection<String> appliedDecisions,
            Optional<SequenceCheckpoint> checkpoint) {
        return generations.completeGeneration(generation, baseline, appliedDecisions, checkpoint);
    }

    @Override
    public Generation failGeneration(Generation failed, String error) {
        return generations.failGeneration(failed, error);
    }

    @Override
    public List<String> plannedOperations(long conduitId, long number) {
        return generations.plannedOperations(conduitId, number);
    }

    @Override
    public Optional<Generation> generation(long conduitId, long number) {
        return generations.generation(conduitId, number);
    }

    @Override
    public List<Generation> history(long conduitId) {
        return generations.history(conduitId);
    }

    @Override
    public Optional<SequenceCheckpoint> checkpoint(long conduitId) {
        return generations.checkpoint(conduitId);
    }

    @Override
    public BaselineReader openBaseline(long conduitId) {
        return baselines.openBaseline(conduitId);
    }

    @Override
    public void updateBaseline(long conduitId, BaselineChanges changes) {
        baselines.updateBaseline(conduitId, changes);
    }

    @Override
    public List<PathConflict> recordConflicts(
            long conduitId, long generation, List<DetectedConflict> detected, Instant at) {
        return conflicts.recordConflicts(conduitId, generation, detected, at);
    }

    @Override
    public List<PathConflict> pendingConflicts(long conduitId) {
        return conflicts.pendingConflicts(conduitId);
    }

    @Override
    public List<PathConflict> allConflicts(long conduitId) {
        return conflicts.allConflicts(conduitId);
    }

    @Override
    public PathConflict decideConflict(long conduitId, String path, String resolution, Instant at) {
        return conflicts.decideConflict(conduitId, path, resolution, at);
    }

    @Override
    public Map<String, String> decisionsToApply(long conduitId) {
        return conflicts.decisionsToApply(conduitId);
    }
}
