package org.filesync.index;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a location's index is settled — no scan running or queued, no watcher event waiting in
 * its debounce window or being applied, nothing left to write — and, if not, what is pending.
 *
 * @param root the location root
 * @param scansRunning scans running or queued for the location (whole or subtree)
 * @param pendingEvents paths with watcher events not yet applied
 * @param scanned paths visited so far by the running scan (its progress; 0 when none runs)
 * @param sequence the location's highest change sequence number at the time of the query
 * @param error the location's error, if its root cannot be indexed (an error is not settled)
 */
public record IndexStatus(
        Path root, int scansRunning, int pendingEvents, long scanned, long sequence, Optional<String> error) {

    public IndexStatus {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(error, "error");
    }

    /** Whether nothing is pending. */
    public boolean settled() {
        return scansRunning == 0 && pendingEvents == 0 && error.isEmpty();
    }

    /** A one-line description of what is pending, e.g. {@code "1 scan running, 3 events pending"}. */
    public String describe() {
        if (settled()) {
            return root + ": settled";
        }
        StringBuilder sb = new StringBuilder(root.toString()).append(':');
        error.ifPresent(e -> sb.append(" error: ").append(e).append(';'));
        if (scansRunning > 0) {
            sb.append(' ').append(scansRunning).append(scansRunning == 1 ? " scan" : " scans");
            sb.append(" running or queued");
            if (scanned > 0) {
                sb.append(" (").append(scanned).append(" paths visited)");
            }
            sb.append(';');
        }
        if (pendingEvents > 0) {
            sb.append(' ').append(pendingEvents).append(pendingEvents == 1 ? " path" : " paths");
            sb.append(" with watcher events pending;");
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
