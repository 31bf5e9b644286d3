package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes made on disk reach the index through the watcher alone (no rescan is requested). */
class WatcherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path tree;

    @TempDir
    Path db;

    private TestIndex index;
    private long seq0;

    @BeforeEach
    void indexTree() throws Exception {
        Trees.build(tree);
        index = new TestIndex(db.resolve("db"));
        index.engine.register(tree);
        IndexStatus st = index.engine.awaitSettled(tree, Duration.ofSeconds(30));
        assertTrue(st.settled(), st.describe());
        seq0 = index.engine.location(tree).orElseThrow().sequence();
    }

    @AfterEach
    void close() {
        index.close();
    }

    private Optional<IndexEntry> entry(String rel) {
        return index.engine.entry(tree, rel);
    }

    private boolean live(String rel) {
        return entry(rel).map(e -> !e.deleted()).orElse(false);
    }

    private boolean tombstone(String rel) {
        return entry(rel).map(IndexEntry::deleted).orElse(false);
    }

    private boolean hashIs(String rel, String content) {
        return entry(rel)
                .flatMap(IndexEntry::hash)
                .map(h -> h.equals(Trees.sha256(content.getBytes())))
                .orElse(false);
    }

    /** Waits for the condition, then for the index to settle, and compares it with the disk. */
    private void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        index.awaitCondition(DEADLINE, condition, what);
        IndexStatus st = index.engine.awaitSettled(tree, DEADLINE);
        assertTrue(st.settled(), st.describe());
    }

    @Test
    void createdFilesAndDirectoriesAreIndexed() throws Exception {
        Trees.write(tree.resolve("created.txt"), "created");
        Files.createDirectories(tree.resolve("n1/n2/n3"));
        Trees.write(tree.resolve("n1/n2/n3/leaf.txt"), "leaf");
        Files.createDirectory(tree.resolve("emptied"));
        Files.createSymbolicLink(tree.resolve("n1/dangling"), Path.of("../nowhere"));
        await(
                "created entries",
                () -> hashIs("created.txt", "created")
                        && hashIs("n1/n2/n3/leaf.txt", "leaf")
                        && live("emptied")
                        && live("n1/dangling"));
        Trees.assertIndexed(tree, index.entries(tree));
        try (Stream<IndexEntry> s = index.engine.changesSince(tree, "", seq0)) {
            List<IndexEntry> changes = s.toList();
            assertTrue(changes.stream().allMatch(e -> e.sequence() > seq0));
            assertEquals(
                    changes.stream().map(IndexEntry::sequence).sorted().toList(),
                    changes.stream().map(IndexEntry::sequence).toList());
        }
    }

    @Test
    void anEditJustBeforeAwaitSettledIsPartOfTheSettledIndex() throws Exception {
        // what a sync run does: the user saves, then asks; the index must not report settled
        // before it has seen the save
        for (int i = 0; i < 5; i++) {
            String content = "edit " + i;
            Files.writeString(tree.resolve("a.txt"), content);
            IndexStatus st = index.engine.awaitSettled(tree, DEADLINE);
            assertTrue(st.settled(), st.describe());
            assertTrue(hashIs("a.txt", content), "edit " + i + " indexed when settled");
        }
    }

    @Test
    void inPlaceWriteWithSameSizeAndOldMtimeIsRehashed() throws Exception {
        Path a = tree.resolve("a.txt");
        FileTime mtime = Files.getLastModifiedTime(a);
        IndexEntry before = entry("a.txt").orElseThrow();
        try (var ch = Files.newByteChannel(a, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("HELLO".getBytes()));
        }
        Files.setLastModifiedTime(a, mtime);
        await("re-hash of a.txt", () -> hashIs("a.txt", "HELLO"));
        IndexEntry after = entry("a.txt").orElseThrow();
        assertEquals(before.size(), after.size());
        assertEquals(before.mtimeNanos(), after.mtimeNanos(), "old mtime restored");
        assertTrue(after.sequence() > before.sequence());
        Trees.assertIndexed(tree, index.entries(tree));
    }

    @Test
    void modificationsAndPermissionChangesAreSeen() throws Exception {
        Files.writeString(tree.resolve("dir/sub/deep.txt"), "rewritten", StandardOpenOption.TRUNCATE_EXISTING);
        Files.setPosixFilePermissions(tree.resolve("a-b"), PosixFilePermissions.fromString("rwx------"));
        await(
                "modification and chmod",
                () -> hashIs("dir/sub/deep.txt", "rewritten")
                        && entry("a-b").map(e -> e.mode() == 0700).orElse(false));
        Trees.assertIndexed(tree, index.entries(tree));
    }

    @Test
    void renamedFilesAndDirectoriesMove() throws Exception {
        IndexEntry a = entry("a.txt").orElseThrow();
        Files.move(tree.resolve("a.txt"), tree.resolve("renamed.txt"));
        Files.move(tree.resolve("dir"), tree.resolve("moved"));
        await(
                "renames",
                () -> tombstone("a.txt")
                        && hashIs("renamed.txt", "hello")
                        && tombstone("dir/sub/deep.txt")
                        && live("moved/sub/deep.txt")
                        && live("moved/empty"));
        assertEquals(a.inode(), entry("renamed.txt").orElseThrow().inode());
        assertTrue(tombstone("dir") && tombstone("dir/sub") && tombstone("dir/empty"));
        Trees.assertIndexed(tree, index.entries(tree));

        // the moved directory is still watched, under its new name
        Trees.write(tree.resolve("moved/sub/later.txt"), "later");
        await("file in the moved directory", () -> hashIs("moved/sub/later.txt", "later"));
        assertFalse(live("dir/sub/later.txt"));
        Trees.assertIndexed(tree, index.entries(tree));
    }

    @Test
    void aDirectoryRenamedToANameThatSortsFirstIsStillWatched() throws Exception {
        // the new name is applied before the old one: the kernel's watch (and the JDK's key) of
        // the moved directory must end up under the new name, not be cancelled with the old one
        Files.move(tree.resolve("dir"), tree.resolve("Adir"));
        await("rename", () -> tombstone("dir/sub/deep.txt") && live("Adir/sub/deep.txt"));
        Trees.write(tree.resolve("Adir/sub/later.txt"), "later");
        Trees.write(tree.resolve("Adir/empty/later.txt"), "later too");
        await(
                "files in the renamed directory",
                () -> hashIs("Adir/sub/later.txt", "later") && hashIs("Adir/empty/later.txt", "later too"));
        Files.move(tree.resolve("Adir"), tree.resolve("dir"));
        Trees.write(tree.resolve("dir/sub/again.txt"), "again");
        await("renamed back", () -> hashIs("dir/sub/again.txt", "again") && tombstone("Adir/sub/later.txt"));
        Trees.assertIndexed(tree, index.entries(tree));
    }

    @Test
    void deletedFilesAndTreesLeaveTombstones() throws Exception {
        long before = index.engine.location(tree).orElseThrow().entryCount();
        Files.delete(tree.resolve("link"));
        Files.delete(tree.resolve("dir/sub/deep.txt"));
        Files.delete(tree.resolve("dir/sub"));
        Files.delete(tree.resolve("dir/empty"));
        Files.delete(tree.resolve("dir/.filesync/y"));
        Files.delete(tree.resolve("dir/.filesync"));
        Files.delete(tree.resolve("dir"));
        await(
                "deletions",
                () -> tombstone("link") && tombstone("dir") && tombstone("dir/sub") && tombstone("dir/sub/deep.txt"));
        assertEquals(before - 5, index.engine.location(tree).orElseThrow().entryCount());
        try (Stream<IndexEntry> s = index.engine.changesSince(tree, "", seq0)) {
            List<IndexEntry> changes = s.toList();
            assertTrue(changes.stream().filter(IndexEntry::deleted).count() >= 5);
            assertTrue(changes.stream().allMatch(e -> e.sequence() > seq0));
        }
        Trees.assertIndexed(tree, index.entries(tree));
    }

    @Test
    void fileSyncFoldersAreIgnored() throws Exception {
        Trees.write(tree.resolve(".filesync/tmp/new"), "ignored");
        Trees.write(tree.resolve("dir/.filesync/trash/x"), "ignored");
        Trees.write(tree.resolve("marker.txt"), "marker");
        await("marker", () -> hashIs("marker.txt", "marker"));
        try (Stream<IndexEntry> s = index.engine.changesSince(tree, "", seq0)) {
            assertTrue(s.noneMatch(e -> e.path().contains(".filesync")));
        }
        Trees.assertIndexed(tree, index.entries(tree));
    }

    @Test
    void aFileBeingWrittenIsCountedOnceStable() throws Exception {
        Path big = tree.resolve("growing.bin");
        try (var out = Files.newOutputStream(big)) {
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                chunk[0] = (byte) i;
                out.write(chunk);
                out.flush();
            }
        }
        byte[] content = Files.readAllBytes(big);
        await("growing file", () -> entry("growing.bin")
                .flatMap(IndexEntry::hash)
                .map(h -> h.equals(Trees.sha256(content)))
                .orElse(false));
        assertNotEquals(Optional.empty(), entry("growing.bin"));
        assertEquals(content.length, entry("growing.bin").orElseThrow().size());
    }

    @Test
    void aBurstOfEventsBeyondTheQueuesIsStillIndexedCompletely() throws Exception {
        // more files in one directory than the JDK queues per key (512) and, with luck, than the
        // kernel queues (fs.inotify.max_queued_events): an overflow must end in a rescan
        Path burst = tree.resolve("burst");
        Files.createDirectory(burst);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Files.createFile(burst.resolve("b" + i));
        }
        index.awaitCondition(
                Duration.ofSeconds(120),
                () -> {
                    try (Stream<IndexEntry> s = index.engine.entries(tree, "burst")) {
                        return s.count() == n + 1;
                    }
                },
                n + " files of a burst indexed");
        IndexStatus st = index.engine.awaitSettled(tree, Duration.ofSeconds(60));
        assertTrue(st.settled(), st.describe());
        Trees.assertIndexed(tree, index.entries(tree));
    }
}
