package org.filesync.transfer.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.filesync.jobs.JobContext;

/** A job context for running transfer jobs on the calling thread. */
class DirectContext implements JobContext {
    final String id = UUID.randomUUID().toString();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong items = new AtomicLong();
    volatile boolean cancelled;

    @Override
    public String jobId() {
        return id;
    }

    @Override
    public void totals(long items, long bytes) {}

    @Override
    public void addBytes(long n) {
        bytes.addAndGet(n);
    }

    @Override
    public void itemDone() {
        items.incrementAndGet();
    }

    @Override
    public void currentItem(String item) {}

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
