package org.filesync.transfer.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux calls the JDK lacks, through JNA: {@code syncfs(2)} (flush one whole filesystem) and
 * {@code renameat2(2)} with {@code RENAME_NOREPLACE}. When JNA or the calls are missing, {@link
 * #load()} returns empty and callers fall back to per-file {@code fsync} and plain rename.
 */
final class NativeFs {

    private static final Logger LOG = LoggerFactory.getLogger(NativeFs.class);
    private static final int O_RDONLY = 0;
    private static final int AT_FDCWD = -100;
    private static final int RENAME_NOREPLACE = 1;
    private static final int EEXIST = 17;
    private static final int ENOSYS = 38;
    private static final int EINVAL = 22;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /** The libc functions used. */
    public interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int syncfs(int fd) throws LastErrorException;

        int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) throws LastErrorException;

        int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;
    }

    private final LibC libc;
    private volatile boolean renameat2Works = true;

    private NativeFs(LibC libc) {
        this.libc = libc;
    }

    /** Loads libc through JNA; empty when that is impossible on this platform. */
    static Optional<NativeFs> load() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NativeFs(Native.load("c", LibC.class)));
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("Native syncfs unavailable ({}); copies use one fsync per file", e.toString());
            return Optional.empty();
        }
    }

    /** Flushes every dirty page and inode of the filesystem holding {@code path} to stable storage. */
    void syncfs(Path path) throws IOException {
        int fd;
        try {
            fd = libc.open(path.toString(), O_RDONLY);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + " to flush its filesystem: errno " + e.getErrorCode());
        }
        try {
            libc.syncfs(fd);
        } catch (LastErrorException e) {
            throw new IOException("syncfs failed on " + path + ": errno " + e.getErrorCode()
                    + (e.getErrorCode() == 28 ? " (No space left on device)" : ""));
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException ignored) {
                // nothing to do about a failed close of a read-only descriptor
            }
        }
    }

    /**
     * Renames {@code from} to {@code to} only if {@code to} does not exist, atomically.
     *
     * @return false when the kernel or filesystem lacks the call (the caller falls back)
     * @throws FileAlreadyExistsException when {@code to} exists
     */
    boolean renameNoReplace(Path from, Path to) throws IOException {
        if (!renameat2Works) {
            return false;
        }
        try {
            libc.renameat2(AT_FDCWD, from.toString(), AT_FDCWD, to.toString(), RENAME_NOREPLACE);
            return true;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == EEXIST) {
                throw new FileAlreadyExistsException(to.toString());
            }
            if (errno == ENOSYS || errno == EINVAL) {
                renameat2Works = false;
                return false;
            }
            throw new IOException(
                    "cannot rename " + from + " to " + to + ": errno " + errno + " (" + errnoText(errno) + ")");
        } catch (UnsatisfiedLinkError e) {
            renameat2Works = false;
            return false;
        }
    }

    private static String errnoText(int errno) {
        return switch (errno) {
            case 2 -> "No such file or directory";
            case 13 -> "Permission denied";
            case 28 -> "No space left on device";
            case 36 -> "File name too long";
            case 18 -> "Invalid cross-device link";
            default -> "error";
        };
    }

    /**
     * Sets access and modification time of {@code path} itself (a link is not followed) in one
     * call; false when that failed and the caller should fall back.
     */
    boolean setTimes(Path path, FileTime mtime, FileTime atime) {
        long[] times = {atime.to(TimeUnit.SECONDS), nanosOf(atime), mtime.to(TimeUnit.SECONDS), nanosOf(mtime)};
        try {
            libc.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW);
            return true;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static long nanosOf(FileTime t) {
        Instant i = t.toInstant();
        return i.getNano();
    }

    /** fsync of a directory, so that renames in it are durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
