package org.filesync.conflict.internal;

import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.Conflict;

/** The rule newest-wins and conflict-file share: which end holds the newer state. */
final class Newest {

    private Newest() {}

    /**
     * The end whose entry has the later mtime, a tie going to the source; in a
     * deleted_vs_modified conflict the end still holding the entry (the modification).
     */
    static Side side(Conflict conflict) {
        Optional<Side> deleting = conflict.deletingSide();
        if (deleting.isPresent()) {
            return deleting.get().other();
        }
        EntryFacts source = conflict.source().orElseThrow();
        EntryFacts target = conflict.target().orElseThrow();
        return target.mtimeNanos() > source.mtimeNanos() ? Side.TARGET : Side.SOURCE;
    }
}
