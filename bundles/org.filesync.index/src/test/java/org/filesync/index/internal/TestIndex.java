package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexListener;
import org.filesync.testsupport.DerbyDataSource;

/** An index engine on an embedded Derby database in a folder, with a hash-counting hasher. */
final class TestIndex implements AutoCloseable {

    /** Counts hashing calls, per file name too. */
    static final class CountingHasher implements ContentHasher {
        final DigestHasher delegate = new DigestHasher("SHA-256");
        final AtomicInteger calls = new AtomicInteger();
        final ConcurrentHashMap<String, AtomicInteger> perName = new ConcurrentHashMap<>();
        /** If set, each hash takes a permit: hashing stops when they run out. */
        volatile java.util.concurrent.Semaphore gate;
        /** File names whose content cannot be read. */
        final java.util.Set<String> denied = ConcurrentHashMap.newKeySet();

        @Override
        public String hash(Path file) throws IOException {
            java.util.concurrent.Semaphore g = gate;
            if (g != null) {
                try {
                    g.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("hashing interrupted");
                }
            }
            if (denied.contains(file.getFileName().toString())) {
                throw new java.nio.file.AccessDeniedException(file.toString());
            }
            calls.incrementAndGet();
            perName.computeIfAbsent(file.getFileName().toString(), n -> new AtomicInteger())
                    .incrementAndGet();
            return delegate.hash(file);
        }

        int calls(String name) {
            AtomicInteger n = perName.get(name);
            return n == null ? 0 : n.get();
        }
    }

    final Path dbDir;
    final DerbyDataSource dataSource;
    final CountingHasher hasher = new CountingHasher();
    final BlockingQueue<IndexChange> changes = new LinkedBlockingQueue<>();
    final IndexEngine engine;

    TestIndex(Path dbDir) {
        this(dbDir, new FileFacts());
    }

    TestIndex(Path dbDir, FileFacts facts) {
        this(dbDir, facts, Duration.ofMillis(50));
    }

    TestIndex(Path dbDir, FileFacts facts, Duration debounce) {
        this.dbDir = dbDir;
        this.dataSource = new DerbyDataSource(dbDir);
        IndexSettings settings = new IndexSettings(debounce, Duration.ZERO, 2, 100);
        engine = new IndexEngine(dataSource, settings, hasher, facts);
        engine.addListener(new IndexListener() {
            @Override
            public void indexChanged(IndexChange change) {
                changes.add(change);
            }
        });
        engine.start();
    }

    /** Waits, on change notifications, until {@code condition} holds; fails after the deadline. */
    void awaitCondition(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            changes.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
        }
    }

    List<IndexEntry> entries(Path root) {
        try (Stream<IndexEntry> s = engine.entries(root, "")) {
            return new ArrayList<>(s.toList());
        }
    }

    @Override
    public void close() {
        engine.stop();
        shutdownDatabase();
    }

    /** Shuts the embedded database down (so that another engine can open it as after a restart). */
    void shutdownDatabase() {
        try {
            DriverManager.getConnection("jdbc:derby:" + dbDir + ";shutdown=true")
                    .close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as an exception (08006)
        }
    }
}
