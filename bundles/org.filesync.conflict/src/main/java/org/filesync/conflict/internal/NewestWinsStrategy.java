package org.filesync.conflict.internal;

import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.osgi.service.component.annotations.Component;

/**
 * {@code newest-wins}: the later mtime wins, a tie goes to the source; in a deleted_vs_modified
 * conflict the modification wins.
 */
@Component(service = ConflictStrategy.class, property = ConflictStrategy.PROPERTY + "=" + NewestWinsStrategy.NAME)
public final class NewestWinsStrategy implements ConflictStrategy {

    /** The strategy's name. */
    public static final String NAME = "newest-wins";

    @Override
    public ConflictDecision decide(Conflict conflict) {
        return ConflictDecision.wins(Newest.side(conflict));
    }
}
