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
 */
public record DeleteOptions(Path endpoint, String strategy, String generation) {

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
        Layout.checkGeneration(generation);
    }
}
