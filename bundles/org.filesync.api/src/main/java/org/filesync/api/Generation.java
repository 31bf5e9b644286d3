package org.filesync.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One numbered sync run of a conduit and its outcome.
 *
 * @param conduitId the conduit
 * @param number the generation number, counting from 1 per conduit
 * @param started when the generation was created
 * @param completed when its jobs ended, if they have
 * @param phase where the run is
 * @param filesCopied files whose content was written to an endpoint
 * @param filesDeleted entries removed from an endpoint
 * @param filesMoved files and directories renamed within an endpoint instead of copied and deleted
 * @param conflicts conflicts detected, including those a strategy resolved
 * @param bytes bytes written
 * @param errors per-path errors, each {@code path: reason}
 * @param verification {@link #UNVERIFIED}, {@link #WAITING_WATCHER}, {@link #WAITING_LIBRARY_SYNC},
 *     {@link #VERIFIED} or {@code failed:<reason>}
 * @param verifiedAt when verification ended, if it has
 * @param ignored how many entries the conduit's ignore rules kept out of the plan (counted when an
 *     end was read in full)
 * @param warnings what a user should know although the run did what it could, one line each (such
 *     as a directory kept because it holds ignored entries)
 * @param trigger what started the run
 */
public record Generation(
        long conduitId,
        long number,
        Instant started,
        Optional<Instant> completed,
        Phase phase,
        long filesCopied,
        long filesDeleted,
        long filesMoved,
        long conflicts,
        long bytes,
        List<String> errors,
        String verification,
        Optional<Instant> verifiedAt,
        long ignored,
        List<String> warnings,
        Trigger trigger) {

    public static final String UNVERIFIED = "unverified";
    public static final String WAITING_WATCHER = "waiting_watcher";
    public static final String WAITING_LIBRARY_SYNC = "waiting_library_sync";
    public static final String VERIFIED = "verified";
    public static final String FAILED_PREFIX = "failed:";

    /**
     * The phases of a run, in order; a run ends {@link #COMPLETED} or {@link #FAILED}. A run is
     * {@link #SETTLING} (waiting for the index of both ends) and then {@link #RESOLVING} before its
     * generation exists; a stored generation starts {@link #PLANNED}.
     */
    public enum Phase {
        SETTLING,
        RESOLVING,
        PLANNED,
        COPYING,
        DELETING,
        VERIFYING,
        SAVING,
        COMPLETED,
        FAILED;

        /** Whether the run has ended in this phase. */
        public boolean isFinal() {
            return this == COMPLETED || this == FAILED;
        }
    }

    public Generation {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(completed, "completed");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(trigger, "trigger");
        if (number < 1) {
            throw new IllegalArgumentException("generation number must be positive");
        }
        if (filesCopied < 0 || filesDeleted < 0 || filesMoved < 0 || conflicts < 0 || bytes < 0 || ignored < 0) {
            throw new IllegalArgumentException("generation counts cannot be negative");
        }
    }

    /** A generation without moves. */
    public Generation(
            long conduitId,
            long number,
            Instant started,
            Optional<Instant> completed,
            Phase phase,
            long filesCopied,
            long filesDeleted,
            long conflicts,
            long bytes,
            List<String> errors,
            String verification,
            Optional<Instant> verifiedAt,
            long ignored,
            List<String> warnings,
            Trigger trigger) {
        this(
                conduitId,
                number,
                started,
                completed,
                phase,
                filesCopied,
                filesDeleted,
                0,
                conflicts,
                bytes,
                errors,
                verification,
                verifiedAt,
                ignored,
                warnings,
                trigger);
    }

    /** A generation that a person started, without moves. */
    public Generation(
            long conduitId,
            long number,
            Instant started,
            Optional<Instant> completed,
            Phase phase,
            long filesCopied,
            long filesDeleted,
            long conflicts,
            long bytes,
            List<String> errors,
            String verification,
            Optional<Instant> verifiedAt,
            long ignored,
            List<String> warnings) {
        this(
                conduitId,
                number,
                started,
                completed,
                phase,
                filesCopied,
                filesDeleted,
                conflicts,
                bytes,
                errors,
                verification,
                verifiedAt,
                ignored,
                warnings,
                Trigger.MANUAL);
    }

    /** A generation a person started, just created. */
    public static Generation planned(long conduitId, long number, Instant started) {
        return planned(conduitId, number, started, Trigger.MANUAL);
    }

    /** A generation just created: {@link Phase#PLANNED}, nothing done, {@link #UNVERIFIED}. */
    public static Generation planned(long conduitId, long number, Instant started, Trigger trigger) {
        return new Generation(
                conduitId,
                number,
                started,
                Optional.empty(),
                Phase.PLANNED,
                0,
                0,
                0,
                0,
                0,
                List.of(),
                UNVERIFIED,
                Optional.empty(),
                0,
                List.of(),
                trigger);
    }

    /** Whether verification ended in failure. */
    public boolean verificationFailed() {
        return verification.startsWith(FAILED_PREFIX);
    }

    /**
     * Why the generation failed, for users: its first error and, when that one only counts the work
     * skipped (e.g. {@code deletes skipped: 3 path(s) not synced}), the first error of a path too, so
     * that the reason names the cause (e.g. {@code source-vanished}, {@code disk-full}). Empty when
     * there is no error.
     */
    public String failureReason() {
        if (errors.isEmpty()) {
            return "";
        }
        String first = errors.get(0);
        return errors.size() > 1 && first.contains(" skipped: ") ? first + "; first: " + errors.get(1) : first;
    }
}
