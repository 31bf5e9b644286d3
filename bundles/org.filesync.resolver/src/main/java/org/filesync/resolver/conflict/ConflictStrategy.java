package org.filesync.resolver.conflict;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A conflict strategy plug-in (docs/sync-modes.md): decides a path both ends of a bidirectional conduit
 * changed incompatibly. Register it as an OSGi service with the property {@link #PROPERTY} naming
 * it; a conduit selects it by that name ({@code --conflict NAME}). Strategies come and go at
 * runtime; a conduit whose strategy is absent fails to sync with an error naming it.
 *
 * <p>A strategy only decides: the mode turns the decision into operations, and every overwritten or
 * deleted loser goes through the conduit's delete strategy, so no decision destroys data. It must be
 * stateless and fast (it is called once per conflict, during resolution).
 */
@ConsumerType
public interface ConflictStrategy {

    /** The service property naming the strategy, e.g. {@code filesync.conflict=newest-wins}. */
    String PROPERTY = "filesync.conflict";

    /** The decision for one conflict. */
    ConflictDecision decide(Conflict conflict);
}
