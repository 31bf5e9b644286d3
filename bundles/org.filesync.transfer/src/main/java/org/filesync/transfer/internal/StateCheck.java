package org.filesync.transfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.transfer.ContentHash;
import org.filesync.transfer.TransferReasons;

/** Compares what is on disk with what the plan saw. */
final class StateCheck {

    private StateCheck() {}

    /** The kind of an existing entry, without following links. */
    static EntryKind kind(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return EntryKind.SYMLINK;
        }
        if (a.isDirectory()) {
            return EntryKind.DIRECTORY;
        }
        return a.isOther() ? EntryKind.OTHER : EntryKind.FILE;
    }

    /** The attributes of an entry, empty when nothing is there. */
    static Optional<BasicFileAttributes> lstat(Path p) throws IOException {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Describes how the entry at {@code path} differs from {@code expected} (empty expected: nothing
     * there), or returns empty when it matches. Hashes are compared only when {@code withHash}.
     */
    static Optional<String> mismatch(Path path, Optional<EntryFacts> expected, boolean withHash)
            throws IOException, ItemFailure {
        Optional<BasicFileAttributes> actual = lstat(path);
        if (expected.isEmpty()) {
            return actual.map(a -> "a " + name(kind(a)) + " appeared at " + path + " since the plan");
        }
        EntryFacts e = expected.get();
        if (actual.isEmpty()) {
            return Optional.of(path + " disappeared since the plan");
        }
        BasicFileAttributes a = actual.get();
        EntryKind k = kind(a);
        if (k != e.kind()) {
            return Optional.of(path + " is now a " + name(k) + ", the plan saw a " + name(e.kind()));
        }
        switch (k) {
            case FILE, OTHER -> {
                if (a.size() != e.size()) {
                    return Optional.of(path + " changed size since the plan (" + e.size() + " -> " + a.size() + ")");
                }
                Instant mtime = Instant.EPOCH.plusNanos(e.mtimeNanos());
                if (a.lastModifiedTime().toMillis() != mtime.toEpochMilli()) {
                    return Optional.of(path + " was modified since the plan (mtime " + mtime + " -> "
                            + a.lastModifiedTime() + ")");
                }
                if (withHash
                        && e.hash().isPresent()
                        && !hash(path, EntryFacts.HASH_ALGORITHM)
                                .equals(ContentHash.sha256(e.hash().get()))) {
                    return Optional.of(path + " has different content than the plan saw");
                }
            }
            case SYMLINK -> {
                if (e.symlinkTarget().isPresent()
                        && !Files.readSymbolicLink(path)
                                .toString()
                                .equals(e.symlinkTarget().get())) {
                    return Optional.of(path + " points elsewhere than the plan saw");
                }
            }
            case DIRECTORY -> {
                // a directory matches by kind
            }
        }
        return Optional.empty();
    }

    /** A kind as messages name it: {@code file}, {@code directory}, {@code symlink}, {@code special file}. */
    private static String name(EntryKind kind) {
        return kind == EntryKind.OTHER ? "special file" : kind.name().toLowerCase(Locale.ROOT);
    }

    static MessageDigest digest(String algorithm) throws ItemFailure {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new ItemFailure(TransferReasons.IO_ERROR, "unknown hash algorithm " + algorithm);
        }
    }

    static ContentHash hash(Path file, String algorithm) throws IOException, ItemFailure {
        MessageDigest md = digest(algorithm);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return new ContentHash(algorithm, HexFormat.of().formatHex(md.digest()));
    }
}
