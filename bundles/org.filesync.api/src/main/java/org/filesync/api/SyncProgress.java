package org.filesync.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a running sync.
 *
 * @param conduitId the conduit
 * @param generation the generation number; 0 while the run settles and resolves, before its
 *     generation exists
 * @param phase where the run is
 * @param filesDone entries written or removed so far
 * @param filesTotal entries the plan writes or removes
 * @param bytesDone bytes written so far
 * @param bytesTotal bytes the plan writes
 * @param bytesPerSecond the recent transfer rate
 * @param eta the estimated time left, when a rate is known
 * @param started when the run started
 */
public record SyncProgress(
        long conduitId,
        long generation,
        Generation.Phase phase,
        long filesDone,
        long filesTotal,
        long bytesDone,
        long bytesTotal,
        double bytesPerSecond,
        Optional<Duration> eta,
        Instant started) {

    public SyncProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(started, "started");
    }
}
