package org.filesync.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.Generation;
import org.filesync.api.Trigger;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage of a conduit's generations with their plans, and of the checkpoint a verified
 * generation leaves. Every method is one transaction; a refused call stores nothing.
 */
@ProviderType
public interface GenerationStore {

    /**
     * Creates the conduit's next generation ({@link Generation.Phase#PLANNED}) with its planned
     * operations, and makes it the conduit's current generation.
     *
     * @param plannedOperations the plan, one line per operation (no line breaks inside a line)
     * @throws ConduitNotFoundException if there is no such conduit
     */
    default Generation startGeneration(long conduitId, Instant started, List<String> plannedOperations) {
        return startGeneration(conduitId, started, plannedOperations, Trigger.MANUAL);
    }

    /**
     * Creates the conduit's next generation as {@link #startGeneration(long, Instant, List)} does,
     * recording what started it.
     */
    Generation startGeneration(long conduitId, Instant started, List<String> plannedOperations, Trigger trigger);

    /**
     * Saves the progress of an existing generation.
     *
     * @throws IllegalArgumentException if the generation was never started
     */
    Generation saveGeneration(Generation generation);

    /**
     * Saves the end of a run that got as far as its verification: the generation's outcome, the
     * baseline changes it agreed on, the users' decisions it applied and, when both ends verifiably
     * agree, the checkpoint they agree at, all together.
     *
     * @param appliedDecisions the paths whose users' decisions the run applied
     * @param checkpoint the state both ends agree at; empty leaves the conduit's checkpoint as it was
     * @throws IllegalArgumentException if the generation was never started
     * @throws ConduitNotFoundException if there is no such conduit
     */
    Generation completeGeneration(
            Generation generation,
            BaselineChanges baseline,
            Collection<String> appliedDecisions,
            Optional<SequenceCheckpoint> checkpoint);

    /**
     * Saves a failed generation and records its error as the conduit's last error, together.
     *
     * @throws IllegalArgumentException if the generation was never started
     * @throws ConduitNotFoundException if there is no such conduit
     */
    Generation failGeneration(Generation failed, String error);

    /** The planned operations stored with a generation, empty if there is no such generation. */
    List<String> plannedOperations(long conduitId, long number);

    /** One generation of a conduit. */
    Optional<Generation> generation(long conduitId, long number);

    /** A conduit's generations, newest first. */
    List<Generation> history(long conduitId);

    /** The last agreed state of a conduit's ends, if a generation was ever verified since it was forgotten. */
    Optional<SequenceCheckpoint> checkpoint(long conduitId);
}
