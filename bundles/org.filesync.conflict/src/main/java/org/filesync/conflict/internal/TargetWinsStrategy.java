package org.filesync.conflict.internal;

import org.filesync.conflict.ConflictStrategy;
import org.filesync.resolver.Conflict;
import org.filesync.resolver.ConflictDecision;
import org.filesync.resolver.Side;
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
