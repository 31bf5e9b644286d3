package org.filesync.service.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.filesync.api.Conduit;
import org.filesync.api.SyncRefusedException;

/**
 * Marker files that tell a conduit's populated endpoint from an empty folder in its place (an
 * unmounted disk's mount point, a folder re-created by hand): every run leaves {@code
 * .filesync/conduit-<uuid>.marker} in both endpoints before it changes anything; once a run has
 * completed, a run whose endpoint lacks it is refused unless forced, since syncing it would treat
 * the missing tree as deleted (or fill the mount point).
 */
final class EndpointMarkers {

    private EndpointMarkers() {}

    static Path marker(Conduit conduit, Path endpoint) {
        return endpoint.resolve(".filesync").resolve("conduit-" + conduit.uuid() + ".marker");
    }

    /**
     * Refuses a run of a conduit that completed before when an endpoint has lost its marker. A
     * read-only endpoint (a source mounted read-only) never received one and is not checked.
     */
    static void check(Conduit conduit, boolean force) {
        if (force || conduit.lastCompleted().isEmpty()) {
            return;
        }
        for (Path endpoint : new Path[] {conduit.source(), conduit.target()}) {
            if (Files.isWritable(endpoint) && !Files.exists(marker(conduit, endpoint), LinkOption.NOFOLLOW_LINKS)) {
                throw new SyncRefusedException(
                        SyncRefusedException.Reason.ENDPOINT_UNMARKED,
                        endpoint + " has lost the marker conduit " + conduit.id()
                                + " left there (" + marker(conduit, endpoint).getFileName()
                                + "): it may be an unmounted"
                                + " or replaced folder; check it, then run with --force to sync it as it is");
            }
        }
    }

    /** Leaves the marker in both endpoints (each run does, before it changes anything). */
    static void mark(Conduit conduit) throws IOException {
        for (Path endpoint : new Path[] {conduit.source(), conduit.target()}) {
            Path marker = marker(conduit, endpoint);
            if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, "filesync conduit " + conduit.id() + " " + conduit.uuid() + "\n");
            }
        }
    }
}
