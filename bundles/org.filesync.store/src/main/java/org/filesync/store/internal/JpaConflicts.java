package org.filesync.store.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.persistence.EntityManager;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.PathConflict;
import org.filesync.api.PrintablePaths;
import org.filesync.store.ConflictStore;
import org.filesync.store.DetectedConflict;

/** {@link ConflictStore} on the conflict rows ({@link ConflictEntity}). */
final class JpaConflicts implements ConflictStore {

    /** Who resolved a conflict that a user decided ({@link PathConflict#resolvedBy()}). */
    private static final String USER = "user";

    private final Transactions transactions;

    JpaConflicts(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<PathConflict> recordConflicts(
            long conduitId, long generation, List<DetectedConflict> conflicts, Instant at) {
        if (conflicts.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction(em -> {
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
    public List<PathConflict> pendingConflicts(long conduitId) {
        return conflicts(conduitId, " AND c.status = 'PENDING'");
    }

    @Override
    public List<PathConflict> allConflicts(long conduitId) {
        return conflicts(conduitId, "");
    }

    private List<PathConflict> conflicts(long conduitId, String condition) {
        return transactions.read(em -> em
                .createQuery(
                        "SELECT c FROM ConflictEntity c WHERE c.conduitId = :id" + condition
                                + " ORDER BY c.path, c.detected",
                        ConflictEntity.class)
                .setParameter("id", conduitId)
                .getResultList()
                .stream()
                .map(JpaConflicts::toConflict)
                .toList());
    }

    @Override
    public PathConflict decideConflict(long conduitId, String path, String resolution, Instant at) {
        return transactions.inConduitTransaction(conduitId, em -> {
            ConduitEntity conduit = ConduitRows.find(em, conduitId);
            ConflictEntity entity = pendingConflict(em, conduitId, path)
                    .orElseThrow(() -> new InvalidRequestException("Conduit " + conduitId
                            + " has no pending conflict at " + PrintablePaths.printable(path)
                            + ": see filesync:conflicts " + conduitId));
            entity.status = "RESOLVED";
            entity.resolution = resolution;
            entity.resolvedBy = USER;
            entity.resolved = at.toEpochMilli();
            entity.awaitsApply = true;
            ConduitRows.forgetCheckpoint(conduit);
            return toConflict(entity);
        });
    }

    @Override
    public Map<String, String> decisionsToApply(long conduitId) {
        return transactions.read(em -> {
            Map<String, String> decisions = new TreeMap<>();
            decisionsAwaitingApply(em, conduitId).forEach(entity -> decisions.put(entity.path, entity.resolution));
            return decisions;
        });
    }

    /** Marks users' decisions applied by a generation, in the caller's transaction. */
    static void markDecisionsApplied(EntityManager em, long conduitId, Collection<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        Set<String> applied = new HashSet<>(paths);
        decisionsAwaitingApply(em, conduitId).stream()
                .filter(entity -> applied.contains(entity.path))
                .forEach(entity -> entity.awaitsApply = false);
    }

    private static List<ConflictEntity> decisionsAwaitingApply(EntityManager em, long conduitId) {
        return em.createQuery(
                        "SELECT c FROM ConflictEntity c WHERE c.conduitId = :id AND c.awaitsApply = TRUE",
                        ConflictEntity.class)
                .setParameter("id", conduitId)
                .getResultList();
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
}
