package org.filesync.conflict.internal;

import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.filesync.resolver.conflict.ConflictType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code conflict-file}: both versions are kept; the newer stays at the path and the loser is kept
 * beside it as a conflict copy. A deletion leaves nothing to keep, so the modification simply wins;
 * in a type mismatch involving a directory the directory stays and the other entry is the kept
 * loser (a directory cannot be kept as a copy).
 */
@Component(service = ConflictStrategy.class, property = ConflictStrategy.PROPERTY + "=" + ConflictFileStrategy.NAME)
public final class ConflictFileStrategy implements ConflictStrategy {

    /** The strategy's name. */
    public static final String NAME = "conflict-file";

    @Override
    public ConflictDecision decide(Conflict conflict) {
        if (conflict.type() == ConflictType.DELETED_VS_MODIFIED) {
            return ConflictDecision.wins(conflict.deletingSide().orElseThrow().other());
        }
        if (conflict.type() == ConflictType.TYPE_MISMATCH) {
            boolean sourceDirectory =
                    conflict.source().map(EntryFacts::isDirectory).orElse(false);
            boolean targetDirectory =
                    conflict.target().map(EntryFacts::isDirectory).orElse(false);
            if (sourceDirectory != targetDirectory) {
                return ConflictDecision.keepBoth(sourceDirectory ? Side.SOURCE : Side.TARGET);
            }
        }
        return ConflictDecision.keepBoth(Newest.side(conflict));
    }
}
