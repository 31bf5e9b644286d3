package org.filesync.resolver;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IgnoreRules;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.internal.Checks;

/**
 * What to resolve. The two ends must not overlap (one inside the other).
 *
 * @param conduitId the conduit, for the plan and messages
 * @param source the source end
 * @param target the target end
 * @param mode the name of the sync mode ({@link SyncMode#PROPERTY})
 * @param checkpoint the checkpoint stored after the last verified generation, if any; empty (or
 *     {@code full}) makes the resolution read both ends in full
 * @param full whether to read both ends in full even with a checkpoint (e.g. after a failed
 *     generation)
 * @param baseline the conduit's agreed state, for modes that compare each end with it
 * @param conflictStrategy the name of the conduit's conflict strategy ({@code filesync.conflict})
 * @param decisions decisions a user already took for conflicts, by path; they override the strategy
 * @param ignores the conduit's ignore rules: the paths they match are invisible on both ends
 */
public record ResolveRequest(
        String conduitId,
        Endpoint source,
        Endpoint target,
        String mode,
        Optional<Checkpoint> checkpoint,
        boolean full,
        Baseline baseline,
        String conflictStrategy,
        Map<String, ConflictDecision> decisions,
        IgnoreRules ignores) {

    public ResolveRequest {
        Checks.notBlank(conduitId, "conduitId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Checks.notBlank(mode, "mode");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(baseline, "baseline");
        Checks.notBlank(conflictStrategy, "conflictStrategy");
        decisions = Map.copyOf(decisions);
        decisions.keySet().forEach(Checks::relativePath);
        Objects.requireNonNull(ignores, "ignores");
        if (source.root().equals(target.root()) && nested(source.prefix(), target.prefix())) {
            throw new IllegalArgumentException(
                    "the ends overlap: " + source.path() + " and " + target.path() + " (one inside the other)");
        }
    }

    private static boolean nested(String a, String b) {
        return a.isEmpty() || b.isEmpty() || a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    /** The conflict strategy of a request that names none. */
    public static final String DEFAULT_CONFLICT_STRATEGY = "newest-wins";

    /** A full resolution (no baseline, the default conflict strategy). */
    public static ResolveRequest full(String conduitId, Endpoint source, Endpoint target, String mode) {
        return new ResolveRequest(
                conduitId,
                source,
                target,
                mode,
                Optional.empty(),
                true,
                Baseline.none(),
                DEFAULT_CONFLICT_STRATEGY,
                Map.of(),
                IgnoreRules.NONE);
    }

    /** An incremental resolution from a stored checkpoint (full if the checkpoint cannot be used). */
    public static ResolveRequest since(
            String conduitId, Endpoint source, Endpoint target, String mode, Checkpoint checkpoint) {
        return new ResolveRequest(
                conduitId,
                source,
                target,
                mode,
                Optional.of(checkpoint),
                false,
                Baseline.none(),
                DEFAULT_CONFLICT_STRATEGY,
                Map.of(),
                IgnoreRules.NONE);
    }

    /** This request with a baseline, a conflict strategy and the users' decisions. */
    public ResolveRequest with(Baseline baseline, String conflictStrategy, Map<String, ConflictDecision> decisions) {
        return new ResolveRequest(
                conduitId, source, target, mode, checkpoint, full, baseline, conflictStrategy, decisions, ignores);
    }

    /** This request with other ignore rules. */
    public ResolveRequest withIgnores(IgnoreRules rules) {
        return new ResolveRequest(
                conduitId, source, target, mode, checkpoint, full, baseline, conflictStrategy, decisions, rules);
    }

    /** Whether the rules hide a path of an entry from the resolution. */
    public boolean ignores(String path, EntryKind kind) {
        return ignores.ignores(path, kind == EntryKind.DIRECTORY);
    }

    /** The end on one side. */
    public Endpoint endpoint(Side side) {
        return side == Side.SOURCE ? source : target;
    }
}
