package org.filesync.verification;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.filesync.resolver.BaselineUpdate;
import org.filesync.resolver.Checkpoint;

/**
 * The outcome of a verification.
 *
 * @param status {@link #VERIFIED}, or {@code failed:<reason>} such as {@code failed:2 paths still
 *     differ (a.txt content, b missing)} or {@code failed:timeout:waiting_library_sync}
 * @param checkpoint the agreed state, when verified: the next resolution may start from it
 * @param at when the verification ended
 * @param baselineUpdates the baseline changes the final resolution found (the ends agree there now),
 *     whether verified or not: a generation that failed part-way still records what it synced
 */
public record Verification(
        String status, Optional<Checkpoint> checkpoint, Instant at, List<BaselineUpdate> baselineUpdates) {

    public static final String VERIFIED = "verified";
    public static final String WAITING_WATCHER = "waiting_watcher";
    public static final String WAITING_LIBRARY_SYNC = "waiting_library_sync";
    public static final String FAILED_PREFIX = "failed:";

    public Verification {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(at, "at");
        baselineUpdates = List.copyOf(baselineUpdates);
        if (!status.equals(VERIFIED) && !status.startsWith(FAILED_PREFIX)) {
            throw new IllegalArgumentException("not a final verification status: " + status);
        }
    }

    /** Whether the ends were proven to agree. */
    public boolean verified() {
        return status.equals(VERIFIED);
    }
}
