package org.filesync.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored conduit: two directories bound for synchronization, with its settings and state.
 *
 * @param id the conduit's number, as shown in the shell
 * @param uuid a globally unique identity
 * @param source the source directory (absolute, symlinks resolved)
 * @param target the target directory (absolute, symlinks resolved)
 * @param options the settings
 * @param lastCompleted when the last run completed, if any did
 * @param currentGeneration the number of the newest generation, 0 before the first run
 * @param lastError why the last run failed or was refused (e.g. {@code refused: Refusing to delete ...}),
 *     until a run completes
 * @param statistics totals over all runs
 * @param scheduleState where its schedule stands: next run, failures, hold
 */
public record Conduit(
        long id,
        UUID uuid,
        Path source,
        Path target,
        ConduitOptions options,
        Optional<Instant> lastCompleted,
        long currentGeneration,
        Optional<String> lastError,
        ConduitStatistics statistics,
        ScheduleState scheduleState) {

    public Conduit {
        Objects.requireNonNull(scheduleState, "scheduleState");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(lastCompleted, "lastCompleted");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(statistics, "statistics");
        if (id < 1) {
            throw new IllegalArgumentException("conduit id must be positive");
        }
        if (currentGeneration < 0) {
            throw new IllegalArgumentException("generation cannot be negative");
        }
    }

    /**
     * The conduit id a user gave, as text (a shell argument, a path segment of the HTTP API).
     *
     * @throws InvalidRequestException unless it is a positive number
     */
    public static long parseId(String text) {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("Invalid conduit id '" + text + "': expected a positive number");
    }

    /** A conduit whose schedule has no state yet. */
    public Conduit(
            long id,
            UUID uuid,
            Path source,
            Path target,
            ConduitOptions options,
            Optional<Instant> lastCompleted,
            long currentGeneration,
            Optional<String> lastError,
            ConduitStatistics statistics) {
        this(
                id,
                uuid,
                source,
                target,
                options,
                lastCompleted,
                currentGeneration,
                lastError,
                statistics,
                ScheduleState.NONE);
    }
}
