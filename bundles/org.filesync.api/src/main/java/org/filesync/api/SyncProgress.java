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
 * @param filesDone operations of the plan carried out so far (entries written or removed)
 * @param filesTotal operations of the plan (entries it writes or removes: files, directories, links)
 * @param bytesDone bytes written so far
 * @param bytesTotal bytes the plan writes
 * @param bytesPerSecond the recent transfer rate
 * @param eta the estimated time left, when a rate is known
 * @param started when the run started
 * @param copied files whose content was written, as the generation counts them ({@link
 *     Generation#filesCopied()}): known once the copies have ended, 0 before
 * @param deleted entries removed, as the generation counts them ({@link Generation#filesDeleted()}):
 *     known once the deletes have ended, 0 before
 * @param activity what the run does now within its phase, e.g. {@code waiting for the index of both
 *     ends}, {@code catching up with the watcher}, {@code rescanning 12 paths}, {@code resolving
 *     again}; empty when the phase says it all
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
        Instant started,
        long copied,
        long deleted,
        Optional<String> activity) {

    public SyncProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(activity, "activity");
        if (copied < 0 || deleted < 0) {
            throw new IllegalArgumentException("progress counts cannot be negative");
        }
    }

    /** A snapshot without the generation's counts and without an activity. */
    public SyncProgress(
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
        this(
                conduitId,
                generation,
                phase,
                filesDone,
                filesTotal,
                bytesDone,
                bytesTotal,
                bytesPerSecond,
                eta,
                started,
                0,
                0,
                Optional.empty());
    }
}
