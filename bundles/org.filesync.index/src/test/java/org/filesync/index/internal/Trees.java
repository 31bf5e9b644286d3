package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexEntry;

/** Builds test trees and states what the index must hold for them, from the filesystem itself. */
final class Trees {

    private Trees() {}

    /** A small tree with every kind of entry and awkward names. */
    static void build(Path root) throws IOException {
        write(root.resolve("a.txt"), "hello");
        Files.createDirectories(root.resolve("dir/sub"));
        Files.createDirectories(root.resolve("dir/empty"));
        write(root.resolve("dir/sub/deep.txt"), "x".repeat(100_000));
        Files.createSymbolicLink(root.resolve("link"), Path.of("a.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("no/such/target"));
        write(root.resolve("uni é 日本 \uD83D\uDE00.txt"), "unicode");
        write(root.resolve("new\nline.txt"), "newline");
        write(root.resolve("trailing "), "blank");
        write(root.resolve("a-b"), "sorts between a and a/");
        write(root.resolve(".filesync/tmp/x"), "never indexed");
        write(root.resolve("dir/.filesync/y"), "never indexed");
    }

    /** Deletes a tree, deepest first; links are removed, never followed. */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** What the filesystem says, in the index's path order, {@code .filesync} folders left out. */
    static Map<String, String> expected(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = new ArrayList<>(s.filter(p -> !p.equals(root)).toList());
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            if (Scanner.insideSkipped(rel)) {
                continue;
            }
            out.put(rel, describe(p));
        }
        return out;
    }

    /** The index's entries, described the same way. */
    static Map<String, String> actual(List<IndexEntry> entries) {
        Map<String, String> out = new TreeMap<>();
        for (IndexEntry e : entries) {
            out.put(e.path(), describe(e));
        }
        return out;
    }

    static void assertIndexed(Path root, List<IndexEntry> entries) throws IOException {
        List<String> order = entries.stream().map(IndexEntry::path).toList();
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order, "entries in path order");
        assertEquals(expected(root), actual(entries));
    }

    static String describe(Path p) throws IOException {
        Map<String, Object> a =
                Files.readAttributes(p, "unix:mode,ino,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        EntryKind kind = Files.isSymbolicLink(p)
                ? EntryKind.SYMLINK
                : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        ? EntryKind.DIRECTORY
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? EntryKind.FILE : EntryKind.OTHER;
        long size = kind == EntryKind.DIRECTORY ? 0 : (Long) a.get("size");
        String target = kind == EntryKind.SYMLINK ? Files.readSymbolicLink(p).toString() : null;
        String hash = kind == EntryKind.FILE ? sha256(Files.readAllBytes(p)) : null;
        long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
        return line(kind, size, mtime, mode & 07777, target, (Long) a.get("ino"), hash, null);
    }

    static String describe(IndexEntry e) {
        return line(
                e.kind(),
                e.size(),
                e.mtimeNanos(),
                e.mode(),
                e.symlinkTarget().orElse(null),
                e.inode(),
                e.hash().orElse(null),
                e.error().orElse(null));
    }

    private static String line(
            EntryKind kind, long size, long mtime, int mode, String target, long inode, String hash, String error) {
        return kind + " size=" + size + " mtime=" + mtime + " mode=" + Integer.toOctalString(mode) + " target=" + target
                + " inode=" + inode + " hash=" + hash + (error == null ? "" : " error=" + error);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
