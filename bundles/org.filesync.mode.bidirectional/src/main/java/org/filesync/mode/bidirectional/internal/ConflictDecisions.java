package org.filesync.mode.bidirectional.internal;

import java.util.Map;
import java.util.Set;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;

/**
 * Who decides a conflict of one plan: the decision the user gave with the request for its path,
 * else the conduit's strategy.
 */
final class ConflictDecisions {

    /** The strategy name of a decision given with the request. */
    static final String USER = "user";

    /** A conflict's decision and who gave it. */
    record Decided(ConflictDecision decision, String by) {}

    private final String strategyName;
    private final ConflictStrategy strategy;
    private final Map<String, ConflictDecision> given;

    ConflictDecisions(String strategyName, ConflictStrategy strategy, Map<String, ConflictDecision> given) {
        this.strategyName = strategyName;
        this.strategy = strategy;
        this.given = given;
    }

    /** The user's decision of the conflict, else the strategy's. */
    Decided decide(Conflict conflict) {
        ConflictDecision decision = given.get(conflict.path());
        if (decision != null) {
            return new Decided(decision, USER);
        }
        decision = strategy.decide(conflict);
        if (decision == null) {
            throw new ResolverException(
                    "Conflict strategy '" + strategyName + "' gave no decision for " + conflict.path());
        }
        return new Decided(decision, strategyName);
    }

    /** Whether the user gave a decision for the path. */
    boolean givenFor(String path) {
        return given.containsKey(path);
    }

    /** The paths the user gave decisions for. */
    Set<String> givenPaths() {
        return given.keySet();
    }
}
