package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexException;

/**
 * Walks a location or a subtree of it without following symlinks, compares what it finds with the
 * stored rows, hashes changed files on a bounded pool, and writes the differences (tombstones for
 * what is gone) through a {@link Batch}. The caller holds the location's lock.
 */
final class Scanner {

    /** The folder name that is never indexed (filesync's temp files and trash). */
    static final String SKIPPED = ".filesync";

    /** Whether a relative path is the skipped folder or inside one, at any depth. */
    static boolean insideSkipped(String rel) {
        return rel.equals(Scanner.SKIPPED)
                || rel.startsWith(Scanner.SKIPPED + "/")
                || rel.contains("/" + Scanner.SKIPPED + "/")
                || rel.endsWith("/" + Scanner.SKIPPED);
    }

    private final EntryStore store;
    private final FileFacts facts;
    private final StableHasher hasher;
    private final ExecutorService hashPool;
    private volatile int hashThreads;
    private final Consumer<Path> watchDirectory;

    Scanner(
            EntryStore store,
            FileFacts facts,
            StableHasher hasher,
            ExecutorService hashPool,
            int hashThreads,
            Consumer<Path> watchDirectory) {
        this.store = store;
        this.facts = facts;
        this.hasher = hasher;
        this.hashPool = hashPool;
        this.hashThreads = hashThreads;
        this.watchDirectory = watchDirectory;
    }

    /** The number of hash threads a scan started from now on keeps busy. */
    void hashThreads(int threads) {
        this.hashThreads = threads;
    }

    /**
     * Scans {@code prefix} ({@code ""} for the whole location). Returns false if cancelled before
     * the walk completed (what was found so far is written, nothing is tombstoned).
     *
     * <p>Two phases: the stat walk runs while the stored rows load on the hash pool (both take
     * about as long for a large tree), then the two are compared, changed files are hashed and
     * differences written. Once the stored rows are in, the walk compares and hashes the files
     * it found as it goes (in a first scan, from the start), so that hashing and writing overlap
     * the walk; directories wait for phase 2, since their listing may still fail.
     *
     * @throws IndexException if the location root is missing or not a readable directory
     */
    boolean scan(LocationRuntime loc, String prefix, boolean deep, Batch batch, BooleanSupplier cancelled) {
        if (!prefix.isEmpty() && loc.pruning.prunesAbove(prefix)) {
            return true; // inside a pruned directory: nothing there is indexed
        }
        batch.flush();
        CompletableFuture<Map<String, Row>> stored;
        try {
            stored = CompletableFuture.supplyAsync(() -> store.snapshot(loc.id, prefix), hashPool);
        } catch (RejectedExecutionException e) {
            throw new CancellationException("the index is stopping");
        }
        ScanWalk walk = new ScanWalk(
                store, facts, hasher, hashPool, hashThreads, watchDirectory, loc, deep, batch, cancelled, stored);
        try {
            if (prefix.isEmpty()) {
                try {
                    Row root = facts.read(loc.root, "");
                    if (root.kind() != EntryKind.DIRECTORY) {
                        throw new IndexException("root " + loc.root + " is not a directory");
                    }
                } catch (NoSuchFileException e) {
                    throw new IndexException("root " + loc.root + " is missing");
                } catch (IOException e) {
                    throw new IndexException("root " + loc.root + " cannot be read: " + FileFacts.reason(e));
                }
                walk.dirs.push(loc.root);
            } else {
                Path start = loc.root.resolve(prefix);
                try {
                    walk.found(start, facts.read(start, prefix));
                } catch (NoSuchFileException e) {
                    // gone: its stored rows become tombstones
                } catch (IOException e) {
                    walk.found(start, Row.failed(prefix, EntryKind.OTHER, FileFacts.reason(e)));
                }
            }
            if (!walk.collect()) {
                return false;
            }
            String rootError = prefix.isEmpty() ? walk.listingErrors.get("") : null;
            if (rootError != null) {
                // an unreadable root is an error, never an empty tree
                throw new IndexException("root " + loc.root + " cannot be read: " + rootError);
            }
        } finally {
            try {
                walk.known = stored.join();
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof IndexException ie) {
                    throw ie;
                }
                throw new IndexException("cannot load the index of " + loc.root + ": " + cause, cause);
            }
        }
        return walk.compare();
    }
}
