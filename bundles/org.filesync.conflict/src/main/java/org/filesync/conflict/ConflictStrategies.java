package org.filesync.conflict;

import java.util.Optional;
import java.util.Set;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The {@link ConflictStrategy conflict strategies} registered now, by name ({@value
 * ConflictStrategy#PROPERTY}): among services of one name the highest {@code service.ranking} wins,
 * then the lowest {@code service.id}. Modes choose a conduit's strategy here, and the service checks
 * a conduit's {@code --conflict} against {@link #names()}.
 */
@ProviderType
public interface ConflictStrategies {

    /** The preferred strategy registered under that name now. */
    Optional<ConflictStrategy> find(String name);

    /** The names of the strategies registered now, in alphabetical order. */
    Set<String> names();
}
