package org.filesync.mode.mirror.internal;

import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.SyncMode;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code mirror} mode: the target becomes an exact copy of the source (docs/sync-modes.md). Each
 * resolution runs on its own {@link MirrorPlanner}; the component keeps no state.
 */
@Component(
        name = MirrorMode.COMPONENT_NAME,
        service = SyncMode.class,
        property = SyncMode.PROPERTY + "=" + MirrorMode.NAME)
public final class MirrorMode implements SyncMode {

    /** The mode's name. */
    public static final String NAME = "mirror";

    /** Pinned from when the mode lived in the resolver bundle, so that its configuration keeps its name. */
    static final String COMPONENT_NAME = "org.filesync.resolver.mirror";

    @Override
    public Plan resolve(ResolutionContext context) {
        return new MirrorPlanner(context).plan();
    }
}
