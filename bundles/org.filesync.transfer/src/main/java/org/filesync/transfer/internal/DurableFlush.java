package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes one copy job's writes durable as its {@link Durability} says: each temp file as it is
 * written ({@link #fsyncEachFile}), or a whole batch of temps before they are renamed ({@link
 * #flushTemps}, on a thread of its own, {@code filesync-flush-<job>}, while the workers write the
 * next batch); the staging directories of new directories before they are renamed whole ({@link
 * #flushStaged}); then the renames, at the end ({@link #flushRenames}), which for fsync-per-file means
 * each folder the job changed ({@link #touched}). {@link #close} stops the flush thread.
 */
final class DurableFlush implements AutoCloseable {

    private final Durability durability;
    private final Optional<NativeFs> nativeFs;
    private final Path endpoint;
    private final Set<Path> touchedDirs = ConcurrentHashMap.newKeySet();
    private final ExecutorService flusher;

    /** {@code durability} {@link Durability#SYNCFS_BATCH} needs {@code nativeFs}. */
    DurableFlush(Durability durability, Optional<NativeFs> nativeFs, Path endpoint, String jobId) {
        this.durability = durability;
        this.nativeFs = nativeFs;
        this.endpoint = endpoint;
        this.flusher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "filesync-flush-" + jobId.substring(0, 8));
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether each temp file is flushed before it is closed. */
    boolean fsyncEachFile() {
        return durability == Durability.FSYNC_PER_FILE;
    }

    /** Notes a folder the job renamed into or whose entries' metadata it set. */
    void touched(Path dir) {
        touchedDirs.add(dir);
    }

    /**
     * Starts making the temp files of {@code batch} durable (one {@code syncfs} when batched and the
     * batch staged any); a failed flush fails the batch's pending items.
     */
    Future<?> flushTemps(List<CopyWork> batch) {
        return flusher.submit(() -> flushBatch(batch));
    }

    private void flushBatch(List<CopyWork> batch) {
        if (durability != Durability.SYNCFS_BATCH || batch.stream().noneMatch(w -> w.temp != null)) {
            return;
        }
        try {
            nativeFs.orElseThrow().syncfs(endpoint);
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            for (CopyWork w : batch) {
                if (w.pending()) {
                    w.fail(f.reason, "cannot make the copy durable: " + f.getMessage());
                }
            }
        }
    }

    /** Waits for a flush {@link #flushTemps} started. */
    static void await(Future<?> flush) throws InterruptedException {
        try {
            flush.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Makes the staging directories of new directories durable before they are renamed into place,
     * with everything their files' flushes did not cover: one {@code syncfs} when batched, else an
     * {@code fsync} of each directory (their files were flushed as they were written).
     */
    void flushStaged(Collection<Path> stagedDirectories) throws IOException {
        switch (durability) {
            case SYNCFS_BATCH -> nativeFs.orElseThrow().syncfs(endpoint);
            case FSYNC_PER_FILE -> {
                for (Path d : stagedDirectories) {
                    NativeFs.fsyncDirectory(d);
                }
            }
            case NONE -> {
                // measurements only
            }
        }
    }

    /** Makes the renames durable. */
    void flushRenames() throws IOException {
        switch (durability) {
            case SYNCFS_BATCH -> nativeFs.orElseThrow().syncfs(endpoint);
            case FSYNC_PER_FILE -> {
                for (Path d : touchedDirs) {
                    NativeFs.fsyncDirectory(d);
                }
            }
            case NONE -> {
                // measurements only
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
