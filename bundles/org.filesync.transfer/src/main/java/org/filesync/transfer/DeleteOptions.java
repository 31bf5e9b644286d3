package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of a delete job.
 *
 * @param endpoint the root of the side deleted from: every item lies under it
 * @param strategy the {@link DeleteStrategy} name, e.g. {@link DeleteStrategy#TRASH}
 * @param generation names the run: the trash strategy keeps entries in {@code
 *     .filesync/trash/<generation>/<relative path>}
 * @param parallel how many entries are re-checked and removed at once, at least 1 (a directory
 *     still goes only after everything the job deletes under it)
 */
public record DeleteOptions(Path endpoint, String strategy, String generation, int parallel) {

    public DeleteOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(generation, "generation");
        if (!endpoint.isAbsolute()) {
            throw new IllegalArgumentException("endpoint must be absolute: " + endpoint);
        }
        if (strategy.isBlank()) {
            throw new IllegalArgumentException("a delete strategy is required");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        Layout.checkGeneration(generation);
    }

    /** Options that remove 4 entries at once, as many as a copy job's default. */
    public DeleteOptions(Path endpoint, String strategy, String generation) {
        this(endpoint, strategy, generation, 4);
    }

    public DeleteOptions withParallel(int n) {
        return new DeleteOptions(endpoint, strategy, generation, n);
    }
}
