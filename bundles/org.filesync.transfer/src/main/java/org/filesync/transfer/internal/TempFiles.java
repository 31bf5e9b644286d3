package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temp files of one copy job in {@code .filesync/tmp}. Each worker writes into a folder of its
 * own ({@code <job id>-<n>}), so workers do not contend for one directory's lock when they create
 * and rename temp files. A temp is live from {@link #next} until it is {@link #placed} or {@link
 * #discard}ed; {@link #removeLeftovers} removes what is still live when the job ends. Thread-safe.
 */
final class TempFiles {

    private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);

    private final Path tmp;
    private final String prefix;
    private final Set<Path> live = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Path> shards = new ThreadLocal<>();
    private final AtomicInteger shardCounter = new AtomicInteger();
    private final AtomicInteger tempCounter = new AtomicInteger();

    /**
     * @param tmp the endpoint's {@code .filesync/tmp}, which must exist
     * @param prefix the name prefix of the job's folders, {@code <job id>-}
     */
    TempFiles(Path tmp, String prefix) {
        this.tmp = tmp;
        this.prefix = prefix;
    }

    /** A new temp file's path in the calling worker's folder (created on its first temp); live from now on. */
    Path next() throws IOException {
        Path temp = shard().resolve(tempCounter.incrementAndGet() + ".tmp");
        live.add(temp);
        return temp;
    }

    private Path shard() throws IOException {
        Path shard = shards.get();
        if (shard == null) {
            shard = tmp.resolve(prefix + shardCounter.incrementAndGet());
            Files.createDirectory(shard);
            live.add(shard);
            shards.set(shard);
        }
        return shard;
    }

    /** The temp was renamed into place: nothing to remove. */
    void placed(Path temp) {
        live.remove(temp);
    }

    /** Removes a temp that will not be placed. */
    void discard(Path temp) {
        deleteQuietly(temp);
        live.remove(temp);
    }

    /** Removes the live temp files, then the workers' folders. */
    void removeLeftovers() {
        live.stream()
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                .forEach(TempFiles::deleteQuietly);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
            // gone already
        } catch (IOException e) {
            LOG.warn("Cannot remove temp file {}: {}", p, e.getMessage());
        }
    }
}
