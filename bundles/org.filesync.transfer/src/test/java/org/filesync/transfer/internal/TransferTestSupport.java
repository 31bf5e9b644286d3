package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.transfer.ContentHash;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferOptions;

/** Builds transfer jobs without OSGi, as the service does. */
final class TransferTestSupport {

    // modification times the tests give entries: millisecond precision, in this order
    static final Instant T1 = Instant.parse("2024-03-01T10:15:30.123Z");
    static final Instant T2 = Instant.parse("2024-05-02T08:00:00.456Z");
    static final Instant T3 = Instant.parse("2024-06-03T09:00:00.789Z");

    static final Map<String, DeleteStrategy> STRATEGIES = Map.of(
            DeleteStrategy.TRASH,
            new TrashDeleteStrategy(java.time.Duration.ofDays(30), java.time.Clock.systemUTC()),
            DeleteStrategy.PERMANENT,
            new PermanentDeleteStrategy());

    private TransferTestSupport() {}

    static CopyJob copyJob(List<CopyItem> items, TransferOptions options, Durability durability, Copier copier) {
        return copyJob(items, options, new CopyJob.Settings(durability, 1000, 128L << 20, copier));
    }

    static CopyJob copyJob(List<CopyItem> items, TransferOptions options, CopyJob.Settings settings) {
        return new CopyJob(
                new CopyRequest(items, options),
                settings,
                NativeFs.load(),
                name -> Optional.ofNullable(STRATEGIES.get(name)),
                new ActiveTemps());
    }

    static CopyJob copyJob(List<CopyItem> items, TransferOptions options) {
        return copyJob(items, options, Durability.SYNCFS_BATCH, Copier.DEFAULT);
    }

    static Path write(Path p, String content, Instant mtime) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        return p;
    }

    /** The state the plan would record for an existing entry (without its hash). */
    static EntryFacts stateOf(Path p) throws IOException {
        var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        EntryKind kind = StateCheck.kind(a);
        Optional<String> target = kind == EntryKind.SYMLINK
                ? Optional.of(Files.readSymbolicLink(p).toString())
                : Optional.empty();
        return new EntryFacts(
                kind, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), -1, target, Optional.empty());
    }

    /** A file the plan saw with this size and mtime, and the content hash when given. */
    static EntryFacts file(long size, Instant mtime, Optional<ContentHash> hash) {
        long nanos = TimeUnit.SECONDS.toNanos(mtime.getEpochSecond()) + mtime.getNano();
        return new EntryFacts(EntryKind.FILE, size, nanos, -1, Optional.empty(), hash.map(ContentHash::hex));
    }

    /** Everything under {@code .filesync/tmp} of an endpoint. */
    static List<Path> temps(Path endpoint) throws IOException {
        Path tmp = Layout.tmp(endpoint);
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    /** A listing of a tree: relative path and, for files, content; links as "-> target". */
    static List<String> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted()
                    .map(p -> {
                        try {
                            String rel = root.relativize(p).toString();
                            if (Files.isSymbolicLink(p)) {
                                return rel + " -> " + Files.readSymbolicLink(p);
                            }
                            if (Files.isRegularFile(p)) {
                                return rel + " = " + Files.readString(p);
                            }
                            return rel + "/";
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
