package org.filesync.conflict.internal;

import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.osgi.service.component.annotations.Component;

/** {@code prompt}: nothing changes at the path; the conflict waits for a user's decision. */
@Component(service = ConflictStrategy.class, property = ConflictStrategy.PROPERTY + "=" + PromptStrategy.NAME)
public final class PromptStrategy implements ConflictStrategy {

    /** The strategy's name. */
    public static final String NAME = "prompt";

    @Override
    public ConflictDecision decide(Conflict conflict) {
        return ConflictDecision.pending();
    }
}
