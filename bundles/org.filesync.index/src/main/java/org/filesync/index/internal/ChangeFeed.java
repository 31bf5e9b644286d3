package org.filesync.index.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The change feed: each written batch reported to the listeners on the notifier thread, and to the settle monitor. */
final class ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final List<IndexListener> listeners = new CopyOnWriteArrayList<>();
    private final Executor notifier;
    private final SettleMonitor settle;

    ChangeFeed(Executor notifier, SettleMonitor settle) {
        this.notifier = notifier;
        this.settle = settle;
    }

    void add(IndexListener listener) {
        listeners.add(listener);
    }

    void remove(IndexListener listener) {
        listeners.remove(listener);
    }

    /** Reports a written batch; a listener that fails is logged and does not stop the others. */
    void changed(IndexChange change) {
        settle.signal();
        if (listeners.isEmpty()) {
            return;
        }
        try {
            notifier.execute(() -> {
                for (IndexListener l : listeners) {
                    try {
                        l.indexChanged(change);
                    } catch (RuntimeException e) {
                        LOG.warn("index listener {} failed: {}", l, e.toString(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("index stopping, change not reported: {}", change);
        }
    }
}
