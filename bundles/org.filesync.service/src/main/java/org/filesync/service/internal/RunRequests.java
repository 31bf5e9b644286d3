package org.filesync.service.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.filesync.api.Conduit;
import org.filesync.api.ConflictChoice;
import org.filesync.api.SyncRefusedException;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.LocatedPath;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.store.ConflictStore;
import org.filesync.store.GenerationStore;

/**
 * Builds the resolve request of a conduit's run, one way for every caller: the plan is resolved
 * with it, and the verification resolves again with the same rules (checkpoint, baseline, conflict
 * strategy, the users' decisions, the ignore rules), so that the two can never judge the ends
 * differently.
 */
final class RunRequests {

    private final FileIndex index;
    private final GenerationStore generations;
    private final ConflictStore conflicts;

    RunRequests(FileIndex index, GenerationStore generations, ConflictStore conflicts) {
        this.index = index;
        this.generations = generations;
        this.conflicts = conflicts;
    }

    /**
     * Incremental from the last verified agreement when there is one (only what changed since is
     * read), else a full merge of both ends. While a conflict waits for a user's decision, both ends
     * are read in full: the paths under it disagree without changing.
     *
     * @param baseline the conduit's agreed state, open for the length of the resolution
     * @throws SyncRefusedException if an end is not indexed
     */
    ResolveRequest of(Conduit conduit, Baseline baseline) {
        Endpoint source = endpoint(conduit.source());
        Endpoint target = endpoint(conduit.target());
        String id = Long.toString(conduit.id());
        String mode = conduit.options().mode();
        Map<String, ConflictDecision> decisions = new TreeMap<>();
        conflicts.decisionsToApply(conduit.id()).forEach((path, choice) -> decisions.put(path, decision(choice)));
        boolean pending = !conflicts.pendingConflicts(conduit.id()).isEmpty();
        IgnoreRules ignores = new IgnoreRules(conduit.options().ignores());
        // after a rule change, paths the rules hid or showed did not change since the checkpoint: both ends
        // are read in full, so that newly ignored paths leave the baseline and newly included ones are new
        ResolveRequest request = generations
                .checkpoint(conduit.id())
                .filter(agreed -> !pending && agreed.ignoreRules().equals(ignores.fingerprint()))
                .map(agreed -> ResolveRequest.since(
                        id, source, target, mode, new Checkpoint(agreed.sourceSequence(), agreed.targetSequence())))
                .orElseGet(() -> ResolveRequest.full(id, source, target, mode));
        return request.with(baseline, conduit.options().conflictStrategy(), decisions)
                .withIgnores(ignores);
    }

    /** A user's choice as the resolver takes it: {@code both} keeps the target's as the conflict copy. */
    static ConflictDecision decision(String choice) {
        return switch (ConflictChoice.parse(choice)) {
            case SOURCE -> ConflictDecision.wins(Side.SOURCE);
            case TARGET -> ConflictDecision.wins(Side.TARGET);
            case BOTH -> ConflictDecision.keepBoth(Side.SOURCE);
        };
    }

    private Endpoint endpoint(Path path) {
        LocatedPath located = index.locate(path)
                .orElseThrow(() -> new SyncRefusedException(path + " is not indexed: register it with the index"));
        return Endpoint.of(located);
    }
}
