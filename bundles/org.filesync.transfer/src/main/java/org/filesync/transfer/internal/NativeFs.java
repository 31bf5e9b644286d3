package org.filesync.transfer.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
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
    /** How the JDK encodes file names; see {@link #path}. */
    private static final Charset FILE_NAMES = fileNameCharset();

    private static final int O_RDONLY = 0;
    private static final int AT_FDCWD = -100;
    private static final int RENAME_NOREPLACE = 1;
    private static final int EEXIST = 17;
    private static final int ENOSYS = 38;
    private static final int EINVAL = 22;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private static final int F_OK = 0;
    private static final int ENOENT = 2;

    /**
     * The libc functions used. Paths are NUL-terminated bytes ({@link #path}): no JNA string
     * marshalling (a native {@code Memory} block and its cleaner per call) on the per-file path.
     */
    public interface LibC extends Library {
        int open(byte[] path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int syncfs(int fd) throws LastErrorException;

        int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) throws LastErrorException;

        int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

        /** No {@link LastErrorException}: its failure is the common case; errno via {@link Native#getLastError}. */
        int faccessat(int dirfd, byte[] path, int mode, int flags);
    }

    /**
     * Direct-mapped libc ({@link Native#register}): a JNI call per function instead of interface
     * mapping's proxy, reflection and argument conversion. Registering fails as a whole when libc
     * lacks one of the functions (an old glibc without {@code renameat2}); {@link #load()} then
     * falls back to interface mapping, whose calls fail one by one.
     */
    static final class DirectLibC implements LibC {

        /** The natives, named as in libc; registered when this class is initialized. */
        private static final class C {
            static {
                Native.register(C.class, "c");
            }

            /** Initializes this class: a failed registration surfaces here. */
            static void init() {
                // the static initializer does the work
            }

            static native int open(byte[] path, int flags) throws LastErrorException;

            static native int close(int fd) throws LastErrorException;

            static native int syncfs(int fd) throws LastErrorException;

            static native int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags)
                    throws LastErrorException;

            static native int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

            static native int faccessat(int dirfd, byte[] path, int mode, int flags);
        }

        DirectLibC() {
            C.init();
        }

        @Override
        public int open(byte[] path, int flags) {
            return C.open(path, flags);
        }

        @Override
        public int close(int fd) {
            return C.close(fd);
        }

        @Override
        public int syncfs(int fd) {
            return C.syncfs(fd);
        }

        @Override
        public int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) {
            return C.renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
        }

        @Override
        public int utimensat(int dirfd, byte[] path, long[] times, int flags) {
            return C.utimensat(dirfd, path, times, flags);
        }

        @Override
        public int faccessat(int dirfd, byte[] path, int mode, int flags) {
            return C.faccessat(dirfd, path, mode, flags);
        }
    }

    private final LibC libc;
    private volatile boolean renameat2Works = true;
    private volatile boolean faccessatWorks = true;

    NativeFs(LibC libc) {
        this.libc = libc;
    }

    /** Whether the calls go through the direct mapping (else through interface mapping). */
    boolean isDirect() {
        return libc instanceof DirectLibC;
    }

    /** Loads libc through JNA; empty when that is impossible on this platform. */
    static Optional<NativeFs> load() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NativeFs(direct()));
        } catch (LinkageError | RuntimeException e) {
            LOG.info("Direct-mapped libc unavailable ({}); using interface mapping", e.toString());
        }
        try {
            return Optional.of(new NativeFs(Native.load("c", LibC.class)));
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("Native syncfs unavailable ({}); copies use one fsync per file", e.toString());
            return Optional.empty();
        }
    }

    /** The direct-mapped libc; throws a {@link LinkageError} when it cannot be registered. */
    static LibC direct() {
        return new DirectLibC();
    }

    /**
     * The bytes libc receives for {@code p}, NUL-terminated, in the charset the JDK itself encodes
     * file names with ({@code sun.jnu.encoding}), so that a native call names the very file that
     * {@code java.nio.file} does even where JNA's default string encoding differs (a JVM started
     * with {@code -Dfile.encoding=UTF-8} under a non-UTF-8 locale).
     */
    static byte[] path(Path p) {
        byte[] name = p.toString().getBytes(FILE_NAMES);
        return Arrays.copyOf(name, name.length + 1);
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Flushes every dirty page and inode of the filesystem holding {@code path} to stable storage. */
    void syncfs(Path path) throws IOException {
        int fd;
        try {
            fd = libc.open(path(path), O_RDONLY);
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
            libc.renameat2(AT_FDCWD, path(from), AT_FDCWD, path(to), RENAME_NOREPLACE);
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

    /**
     * True only when nothing, not even a dangling link, is at {@code path} (the last component is
     * not followed): {@code faccessat(F_OK, AT_SYMLINK_NOFOLLOW)} failed with {@code ENOENT}. False
     * when something is there and on any other outcome (another error, the call missing): the
     * caller then looks with {@code lstat}. Unlike {@code Files.readAttributes}, an absent entry
     * costs no exception.
     */
    boolean absent(Path path) {
        if (!faccessatWorks) {
            return false;
        }
        try {
            return libc.faccessat(AT_FDCWD, path(path), F_OK, AT_SYMLINK_NOFOLLOW) != 0
                    && Native.getLastError() == ENOENT;
        } catch (UnsatisfiedLinkError e) {
            faccessatWorks = false;
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
            libc.utimensat(AT_FDCWD, path(path), times, AT_SYMLINK_NOFOLLOW);
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
