package org.filesync.conflict.internal;

import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.osgi.service.component.annotations.Component;

/** {@code target-wins}: the target's state wins, its deletion included. */
@Component(service = ConflictStrategy.class, property = ConflictStrategy.PROPERTY + "=" + TargetWinsStrategy.NAME)
public final class TargetWinsStrategy implements ConflictStrategy {

    /** The strategy's name. */
    public static final String NAME = "target-wins";

    @Override
    public ConflictDecision decide(Conflict conflict) {
        return ConflictDecision.wins(Side.TARGET);
    }
}
