package org.filesync.transfer.internal;

import java.util.concurrent.TimeUnit;

/** A bandwidth limit shared by the workers of one job: callers wait for their share of time. */
final class Throttle {

    /** No limit. */
    static final Throttle NONE = new Throttle(0);

    private final long bytesPerSecond;
    private long nextFreeNanos; // guarded by this

    Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    boolean limited() {
        return bytesPerSecond > 0;
    }

    /** Blocks until {@code bytes} may be sent. */
    void acquire(long bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + bytes * 1_000_000_000L / bytesPerSecond;
            wait = start - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
