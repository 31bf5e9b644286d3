package org.filesync.conflict.internal;

import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.osgi.service.component.annotations.Component;

/** {@code source-wins}: the source's state wins, its deletion included. */
@Component(service = ConflictStrategy.class, property = ConflictStrategy.PROPERTY + "=" + SourceWinsStrategy.NAME)
public final class SourceWinsStrategy implements ConflictStrategy {

    /** The strategy's name. */
    public static final String NAME = "source-wins";

    @Override
    public ConflictDecision decide(Conflict conflict) {
        return ConflictDecision.wins(Side.SOURCE);
    }
}
