package org.filesync.scheduler.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexListener;
import org.osgi.service.component.annotations.Component;

/**
 * The scheduler's ear on the index's change feed: a component of its own, with no references, that
 * hands each notice to the {@link ConduitScheduler} once it is connected.
 *
 * <p>The index binds every {@link IndexListener} while it activates. Were the scheduler itself the
 * listener, activating the index would activate the scheduler, which needs the {@code
 * FileSyncService}, which needs the index: a cycle that leaves all three unsatisfied. A notice that
 * comes before the scheduler is connected is not lost to it: the scheduler reads the index's
 * sequences when it starts.
 */
@Component(service = {IndexListener.class, IndexChangeRelay.class})
public final class IndexChangeRelay implements IndexListener {

    private final AtomicReference<IndexListener> consumer = new AtomicReference<>();

    /** From now on, notices go to {@code listener}. */
    void connect(IndexListener listener) {
        consumer.set(listener);
    }

    /** Notices no longer go to {@code listener} (if it is still the one connected). */
    void disconnect(IndexListener listener) {
        consumer.compareAndSet(listener, null);
    }

    @Override
    public void indexChanged(IndexChange change) {
        IndexListener listener = consumer.get();
        if (listener != null) {
            listener.indexChanged(change);
        }
    }
}
