package org.filesync.service.internal;

import org.filesync.api.Conduit;

/** Resolves what a run of a conduit must do, from the index. */
interface Planner {

    /**
     * @throws org.filesync.api.SyncRefusedException if the conduit's mode is not available
     */
    ResolvedRun resolve(Conduit conduit);
}
