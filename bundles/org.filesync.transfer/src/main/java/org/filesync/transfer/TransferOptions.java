package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of a copy job.
 *
 * @param endpoint the root of the target side: every target lies under it, temp files go to
 *     {@code <endpoint>/.filesync/tmp}
 * @param parallel how many items are copied at once, at least 1
 * @param bytesPerSecond the bandwidth limit of the whole job, 0 for none
 * @param generation names the run, e.g. the generation number: replaced files kept by the trash
 *     strategy go to {@code .filesync/trash/<generation>/}
 * @param replacedStrategy the {@link DeleteStrategy} that keeps the previous version of a replaced
 *     file ({@code trash} keeps it), empty to keep nothing
 */
public record TransferOptions(
        Path endpoint, int parallel, long bytesPerSecond, String generation, String replacedStrategy) {

    public TransferOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(replacedStrategy, "replacedStrategy");
        if (!endpoint.isAbsolute()) {
            throw new IllegalArgumentException("endpoint must be absolute: " + endpoint);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth limit must not be negative");
        }
        Layout.checkGeneration(generation);
    }

    /** Defaults: 4 at once, no bandwidth limit, replaced files not kept. */
    public static TransferOptions of(Path endpoint, String generation) {
        return new TransferOptions(endpoint, 4, 0, generation, "");
    }

    public TransferOptions withParallel(int n) {
        return new TransferOptions(endpoint, n, bytesPerSecond, generation, replacedStrategy);
    }

    public TransferOptions withBandwidth(long limit) {
        return new TransferOptions(endpoint, parallel, limit, generation, replacedStrategy);
    }

    public TransferOptions keepingReplacedWith(String strategy) {
        return new TransferOptions(endpoint, parallel, bytesPerSecond, generation, strategy);
    }
}
