package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mtimes of the existing folders a job renames into or removes from, taken before its first
 * change in each, and put back when the job ends: a folder whose own metadata the plan does not
 * change keeps its mtime (else the verification finds it differing from the other end).
 * Thread-safe; a folder is remembered once, before any change the job makes in it.
 */
final class ParentTimes {

    private static final Logger LOG = LoggerFactory.getLogger(ParentTimes.class);

    private final Map<Path, FileTime> times = new ConcurrentHashMap<>();

    /** Remembers the mtime of {@code dir} if this is the first change in it; a missing folder is ignored. */
    void remember(Path dir) {
        if (dir == null || times.containsKey(dir)) {
            return;
        }
        times.computeIfAbsent(dir, d -> {
            try {
                BasicFileAttributes a = Files.readAttributes(d, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return a.isDirectory() ? a.lastModifiedTime() : null;
            } catch (IOException e) {
                return null; // created by this job, or gone: nothing to put back
            }
        });
    }

    /** Puts the remembered mtimes back on the folders that still exist. */
    void restore() {
        times.forEach((dir, time) -> {
            try {
                Files.getFileAttributeView(dir, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(time, null, null);
            } catch (NoSuchFileException e) {
                // removed by this job
            } catch (IOException e) {
                LOG.debug("Cannot put back the mtime of {}: {}", dir, e.toString());
            }
        });
        times.clear();
    }
}
