package org.filesync.service.internal;

import java.util.Objects;
import org.filesync.store.BaselineStore;
import org.filesync.store.ConduitStore;
import org.filesync.store.ConflictStore;
import org.filesync.store.GenerationStore;

/** The store's aggregates a run works on. */
record Stores(ConduitStore conduits, GenerationStore generations, BaselineStore baselines, ConflictStore conflicts) {

    Stores {
        Objects.requireNonNull(conduits, "conduits");
        Objects.requireNonNull(generations, "generations");
        Objects.requireNonNull(baselines, "baselines");
        Objects.requireNonNull(conflicts, "conflicts");
    }
}
