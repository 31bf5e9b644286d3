package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches directories with the JDK {@link WatchService} (inotify on Linux) and reports changed
 * paths and overflows. It keeps its own key-to-directory map, because after a directory is renamed
 * the kernel keeps its watch and the JDK hands back the old key, whose {@code watchable()} still
 * names the old path.
 */
final class Watcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

    private final WatchService service;
    private final Map<WatchKey, Path> keyDirs = new ConcurrentHashMap<>();
    private final Map<Path, WatchKey> dirKeys = new ConcurrentHashMap<>();
    private final Consumer<Path> changed;
    private final Consumer<Path> overflow;
    private volatile boolean limitWarned;

    private static final String BARRIER_PREFIX = "barrier-";
    private final AtomicLong barrierCount = new AtomicLong();
    private final Object barriers = new Object();
    private long barrierSeen; // guarded by barriers
    private volatile WatchKey barrierKey;
    private volatile Path barrierDir;

    /**
     * @param changed called with the absolute path of every created, modified or deleted child of a
     *     watched directory, and with a watched directory that became unwatchable (deleted)
     * @param overflow called with a directory whose events were lost (null if unknown)
     */
    Watcher(Consumer<Path> changed, Consumer<Path> overflow) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.changed = changed;
        this.overflow = overflow;
    }

    /** Watches one directory (not its subdirectories); idempotent. */
    void watch(Path dir) {
        WatchKey existing = dirKeys.get(dir);
        if (existing != null && existing.isValid() && dir.equals(keyDirs.get(existing))) {
            return;
        }
        try {
            WatchKey key = dir.register(
                    service,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            Path previous = keyDirs.put(key, dir);
            if (previous != null && !previous.equals(dir)) {
                dirKeys.remove(previous, key);
            }
            dirKeys.put(dir, key);
        } catch (IOException e) {
            if (!limitWarned) {
                limitWarned = true;
                LOG.warn(
                        "cannot watch {} ({}); changes there are found by rescans only"
                                + " (raise fs.inotify.max_user_watches if the limit is reached)",
                        dir,
                        e.toString());
            } else {
                LOG.debug("cannot watch {}: {}", dir, e.toString());
            }
        }
    }

    /** Stops watching {@code dir} and every watched directory under it. */
    void unwatchTree(Path dir) {
        for (Iterator<Map.Entry<Path, WatchKey>> it = dirKeys.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, WatchKey> e = it.next();
            if (e.getKey().startsWith(dir)) {
                it.remove();
                WatchKey key = e.getValue();
                // the key may have been taken over by the directory's new name after a rename
                if (e.getKey().equals(keyDirs.get(key))) {
                    keyDirs.remove(key);
                    key.cancel();
                }
            }
        }
    }

    /** The watched directories at or under {@code dir}. */
    List<Path> watchedUnder(Path dir) {
        List<Path> under = new ArrayList<>();
        for (Path watched : dirKeys.keySet()) {
            if (watched.startsWith(dir)) {
                under.add(watched);
            }
        }
        return under;
    }

    /** Directories watched. */
    int watched() {
        return dirKeys.size();
    }

    @Override
    public void run() {
        try {
            while (true) {
                long barrier = process(service.take());
                if (barrier > 0) {
                    // keys that got events before the barrier and were re-queued when reset may
                    // still wait behind it: take them too before reporting the barrier
                    for (WatchKey key = service.poll(); key != null; key = service.poll()) {
                        barrier = Math.max(barrier, process(key));
                    }
                    synchronized (barriers) {
                        barrierSeen = Math.max(barrierSeen, barrier);
                        barriers.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            LOG.debug("watch service closed");
        }
    }

    /** Reports the events of one key; returns the highest barrier number among them (0 if none). */
    private long process(WatchKey key) {
        long barrier = 0;
        Path dir = keyDirs.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                LOG.debug("watch event overflow in {}", dir);
                overflow.accept(dir);
            } else if (key == barrierKey) {
                String name = String.valueOf(event.context());
                if (name.startsWith(BARRIER_PREFIX)) {
                    barrier = Math.max(barrier, Long.parseLong(name.substring(BARRIER_PREFIX.length())));
                }
            } else if (dir != null && event.context() instanceof Path name) {
                changed.accept(dir.resolve(name));
            }
        }
        if (!key.reset() && key != barrierKey) {
            keyDirs.remove(key);
            if (dir != null) {
                dirKeys.remove(dir, key);
                changed.accept(dir);
            }
        }
        return barrier;
    }

    /**
     * Watches a private directory used for barriers; see {@link #awaitBarrier}. Without one,
     * {@link #awaitBarrier} returns false at once.
     */
    void useBarrierDirectory(Path dir) throws IOException {
        barrierKey = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE);
        barrierDir = dir;
    }

    /**
     * Waits until every event the kernel queued before this call has been reported: creates a
     * file in the barrier directory and waits for its event, which comes after them.
     *
     * @return whether the barrier was seen within the timeout
     */
    boolean awaitBarrier(long timeoutNanos) throws InterruptedException {
        Path dir = barrierDir;
        if (dir == null) {
            return false;
        }
        long n = barrierCount.incrementAndGet();
        Path marker = dir.resolve(BARRIER_PREFIX + n);
        try {
            Files.createFile(marker);
            Files.delete(marker);
        } catch (IOException e) {
            LOG.debug("barrier file {}: {}", marker, e.toString());
            return false;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (barriers) {
            while (barrierSeen < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                barriers.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
    }
}
