package org.filesync.index.internal;

import java.time.Duration;

/**
 * The tunables of the index, from the component configuration.
 *
 * @param debounce quiet time after a watcher event before the path is applied
 * @param safetyRescan period of the full safety rescan of every location; zero disables it
 * @param hashThreads threads hashing files during a scan
 * @param batchSize rows written per database transaction
 */
record IndexSettings(Duration debounce, Duration safetyRescan, int hashThreads, int batchSize) {

    IndexSettings {
        if (debounce.isNegative() || safetyRescan.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        if (hashThreads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("hashThreads and batchSize must be positive");
        }
    }

    static IndexSettings defaults() {
        return new IndexSettings(
                Duration.ofMillis(100),
                Duration.ofHours(1),
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                5000);
    }

    IndexSettings withDebounce(Duration d) {
        return new IndexSettings(d, safetyRescan, hashThreads, batchSize);
    }

    IndexSettings withHashThreads(int n) {
        return new IndexSettings(debounce, safetyRescan, n, batchSize);
    }
}
