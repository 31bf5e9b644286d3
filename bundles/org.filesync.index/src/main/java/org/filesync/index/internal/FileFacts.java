package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.filesync.api.path.EntryKind;

/**
 * Reads what the index records about a path, with one {@code lstat}, never following links, and
 * lists directories. Not final only so that tests can simulate unreadable paths (the project runs
 * as root, which reads everything).
 */
class FileFacts {

    private static final String UNIX_ATTRIBUTES = "unix:mode,ino,size,lastModifiedTime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private static final String NOT_A_DIRECTORY = "Not a directory";

    private final boolean unixView;

    FileFacts() {
        this.unixView =
                Path.of("").getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    /**
     * The facts of {@code file} under the relative path {@code rel}, without a hash.
     *
     * @throws NoSuchFileException if it does not exist (any more)
     * @throws IOException if it cannot be examined
     */
    Row read(Path file, String rel) throws IOException {
        try {
            return readFacts(file, rel);
        } catch (FileSystemException e) {
            throw gone(e, file);
        }
    }

    private Row readFacts(Path file, String rel) throws IOException {
        if (unixView) {
            Map<String, Object> a = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            EntryKind kind = kindOf(mode);
            long size = kind == EntryKind.DIRECTORY ? 0 : (Long) a.get("size");
            long mtime = nanos((FileTime) a.get("lastModifiedTime"));
            String target =
                    kind == EntryKind.SYMLINK ? Files.readSymbolicLink(file).toString() : null;
            return Row.facts(rel, kind, size, mtime, mode & 07777, target, (Long) a.get("ino"));
        }
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        EntryKind kind = a.isDirectory()
                ? EntryKind.DIRECTORY
                : a.isSymbolicLink() ? EntryKind.SYMLINK : a.isRegularFile() ? EntryKind.FILE : EntryKind.OTHER;
        int mode = 0;
        for (PosixFilePermission p : a.permissions()) {
            mode |= 1 << (8 - p.ordinal());
        }
        String target = kind == EntryKind.SYMLINK ? Files.readSymbolicLink(file).toString() : null;
        long size = kind == EntryKind.DIRECTORY ? 0 : a.size();
        return Row.facts(rel, kind, size, nanos(a.lastModifiedTime()), mode, target, -1);
    }

    /** Lists a directory's children. */
    DirectoryStream<Path> list(Path dir) throws IOException {
        try {
            return Files.newDirectoryStream(dir);
        } catch (FileSystemException e) {
            throw gone(e, dir);
        }
    }

    /**
     * A path below an entry that is no longer a directory ({@code ENOTDIR}: a directory replaced by
     * a file, say) does not exist: it is reported as {@link NoSuchFileException}, so that its rows
     * become tombstones instead of entries in error.
     */
    private static FileSystemException gone(FileSystemException e, Path path) {
        if (e instanceof NotDirectoryException || NOT_A_DIRECTORY.equals(e.getReason())) {
            NoSuchFileException missing = new NoSuchFileException(path.toString(), null, NOT_A_DIRECTORY);
            missing.initCause(e);
            return missing;
        }
        return e;
    }

    private static EntryKind kindOf(int mode) {
        switch (mode & S_IFMT) {
            case S_IFDIR:
                return EntryKind.DIRECTORY;
            case S_IFREG:
                return EntryKind.FILE;
            case S_IFLNK:
                return EntryKind.SYMLINK;
            default:
                return EntryKind.OTHER;
        }
    }

    static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    /** A short reason for an I/O failure, for an entry's error field. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "vanished";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
