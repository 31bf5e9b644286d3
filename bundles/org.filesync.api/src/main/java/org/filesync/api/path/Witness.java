package org.filesync.api.path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Proof that a file has not been written since it was looked at: its device, inode, change time,
 * size and modification time. No user can set a file's change time, and every write, rename or
 * metadata change moves it, so a witness read again and found equal in all five fields shows that
 * nobody touched the file in between; any difference means it may have changed. Where the kernel
 * gives change times in clock ticks of a few milliseconds (Linux before multigrain timestamps,
 * 6.13), a write in the same tick as the last change before the witness was read keeps the change
 * time; only its size or mtime can then tell it.
 *
 * @param device the device the file lives on ({@code st_dev})
 * @param inode its inode number ({@code st_ino})
 * @param ctimeNanos its change time in nanoseconds since the epoch ({@code st_ctim})
 * @param size its size in bytes
 * @param mtimeNanos its modification time in nanoseconds since the epoch
 */
public record Witness(long device, long inode, long ctimeNanos, long size, long mtimeNanos) {

    private static final String UNIX_ATTRIBUTES = "unix:dev,ino,ctime,size,lastModifiedTime";

    public Witness {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }

    /**
     * The witness of a file as it is now, read with one {@code lstat} (a symbolic link is not
     * followed); empty where the file system has no POSIX change time.
     *
     * @throws IOException if the file cannot be examined, e.g. {@link java.nio.file.NoSuchFileException}
     */
    public static Optional<Witness> read(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return Optional.empty();
        }
        Map<String, Object> a = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return Optional.of(new Witness(
                (Long) a.get("dev"),
                (Long) a.get("ino"),
                nanos(a.get("ctime")),
                (Long) a.get("size"),
                nanos(a.get("lastModifiedTime"))));
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
