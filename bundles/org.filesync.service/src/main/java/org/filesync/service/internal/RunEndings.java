package org.filesync.service.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.filesync.api.Conduit;
import org.filesync.api.Generation;
import org.filesync.api.Generation.Phase;
import org.filesync.api.SyncRefusedException;
import org.filesync.resolver.ModeUnavailableException;
import org.filesync.resolver.Resolver;
import org.filesync.verification.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the {@link SyncEngine}'s runs end, and what is recorded of it: a refusal as the conduit's
 * last error, a failed generation (with the baseline of what it did sync), a failure that could
 * not be recorded, kept until the conduit's next run records it, and the end of every run, with
 * its one retry when its verification found differences.
 */
final class RunEndings {

    private static final Logger LOG = LoggerFactory.getLogger(RunEndings.class);

    /** Verifies a run's ends against the conduit's baseline, as the run's verification does. */
    @FunctionalInterface
    interface BaselineVerifier {
        Verification verify(Conduit conduit, SyncRun run, Consumer<String> steps, Consumer<String> activities);
    }

    /** Starts the retry generation of a conduit. */
    @FunctionalInterface
    interface Retries {
        SyncRun start(long conduitId);
    }

    private final Stores stores;
    private final SyncEvents events;
    private final Resolver resolver;
    /** The engine's runs, from their request until they have ended: a run leaves it here. */
    private final Map<Long, SyncRun> runs;

    private final BaselineVerifier verifier;
    private final Retries retries;
    /** Failed generations whose failure could not be recorded yet, by conduit. */
    private final Map<Long, Generation> unrecordedFailures = new ConcurrentHashMap<>();

    RunEndings(
            Stores stores,
            SyncEvents events,
            Resolver resolver,
            Map<Long, SyncRun> runs,
            BaselineVerifier verifier,
            Retries retries) {
        this.stores = stores;
        this.events = events;
        this.resolver = resolver;
        this.runs = runs;
        this.verifier = verifier;
        this.retries = retries;
    }

    /**
     * A run refused by a check of the conduit's ends or its plan (a missing or unmarked endpoint, an
     * index that did not settle, the max-delete limit, an absent plug-in) is the conduit's last error
     * until a run completes, so that {@code conduit-show} tells why nothing synced.
     */
    void recordRefusal(Conduit conduit, RuntimeException refusal) {
        if (!(refusal instanceof SyncRefusedException)) {
            return;
        }
        try {
            stores.conduits().recordError(conduit.id(), "refused: " + refusal.getMessage());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Conduit {}: could not record the refusal ({}): {}",
                    conduit.id(),
                    refusal.getMessage(),
                    e.toString());
        }
        LOG.info("Conduit {}: run refused: {}", conduit.id(), refusal.getMessage());
    }

    /**
     * Fails the run's generation with its errors. A generation that failed part-way still records,
     * in the baseline of a mode that keeps one, the paths it did sync, so that the next run neither
     * copies them again nor takes them for conflicts: the touched paths are rescanned and the
     * conduit resolved again, as a verification would, and the ends' agreed paths are stored.
     */
    Generation fail(Conduit conduit, SyncRun run, List<String> errors) {
        Generation failing = run.generationNow(Phase.FAILED, errors);
        String reason = failing.failureReason();
        Generation failed =
                stores.generations().failGeneration(failing, "generation " + failing.number() + ": " + reason);
        if (keepsBaseline(conduit) && !run.resolved().touched().isEmpty()) {
            Verification verification = verifier.verify(
                    conduit,
                    run,
                    step -> LOG.debug("Conduit {}: recording what synced: {}", conduit.id(), step),
                    run::activity);
            stores.baselines().updateBaseline(conduit.id(), StoredBaseline.changes(verification.baselineUpdates()));
        }
        events.failed(conduit, failed.number(), reason);
        return failed;
    }

    private boolean keepsBaseline(Conduit conduit) {
        try {
            return resolver.keepsBaseline(conduit.options().mode());
        } catch (ModeUnavailableException e) {
            return false; // the next run is refused until the mode is back, and reads both ends in full
        }
    }

    /**
     * Fails the generation even when recording the failure itself fails (the database is
     * unreachable): the failed generation is then kept here and recorded before the conduit's next
     * run starts, so that the history does not show it running for ever.
     */
    Generation failQuietly(Conduit conduit, SyncRun run, String error) {
        try {
            return fail(conduit, run, List.of(error));
        } catch (RuntimeException e) {
            LOG.error("Could not record the failure of conduit {} generation {}", conduit.id(), run.generation(), e);
            Generation failed = run.generationNow(Phase.FAILED, List.of(error));
            if (run.startedGeneration() != null) {
                unrecordedFailures.put(conduit.id(), failed);
            }
            return failed;
        }
    }

    /** Records the failure {@link #failQuietly} could not; a run is refused while that fails. */
    void recordUnrecordedFailure(long conduitId) {
        Generation failed = unrecordedFailures.get(conduitId);
        if (failed != null) {
            stores.generations()
                    .failGeneration(failed, "generation " + failed.number() + ": " + failed.failureReason());
            unrecordedFailures.remove(conduitId, failed);
            LOG.info("Conduit {} generation {}: its failure recorded late", conduitId, failed.number());
        }
    }

    /**
     * Removes the run from the active set; if its verification found paths still differing and the
     * conduit asks for it, starts the one retry generation; then completes the handle.
     */
    void finish(Conduit conduit, SyncRun run, Generation result) {
        LOG.info(
                "Conduit {} generation {} {} ({}): {} copied, {} deleted, {} moved, {} bytes, {} errors",
                conduit.id(),
                result.number(),
                result.phase(),
                result.verification(),
                result.filesCopied(),
                result.filesDeleted(),
                result.filesMoved(),
                result.bytes(),
                result.errors().size());
        LOG.debug("Conduit {} generation {} steps: {}", conduit.id(), result.number(), run.steps());
        runs.remove(conduit.id(), run);
        boolean stillDiffers =
                result.verificationFailed() && !result.verification().startsWith("failed:timeout");
        if (stillDiffers && conduit.options().verifyRetry() && !run.isRetry()) {
            try {
                SyncRun retry = retries.start(conduit.id());
                LOG.info(
                        "Conduit {}: generation {} retries generation {}",
                        conduit.id(),
                        retry.generation(),
                        result.number());
            } catch (RuntimeException e) {
                LOG.warn(
                        "Conduit {}: the retry of generation {} was refused: {}",
                        conduit.id(),
                        result.number(),
                        e.getMessage());
            }
        }
        run.complete(result);
    }

    /** Ends a run refused before it had a generation. */
    void end(SyncRun run) {
        runs.remove(run.conduitId(), run);
        run.refused();
    }
}
