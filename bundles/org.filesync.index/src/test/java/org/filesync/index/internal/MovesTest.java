package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file or directory moved inside its location takes the hashes of the entries it was moved from
 * (same inode, size and mtime) without being read, whichever the index learns of first: the old
 * path gone or the new one.
 */
class MovesTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** So long that the watcher applies nothing by itself: the test hands the paths over, in its order. */
    private static final Duration NEVER = Duration.ofHours(1);

    private static final int FILES = 300;

    @TempDir
    Path tree;

    @TempDir
    Path db;

    private static void settle(TestIndex index, Path root) throws InterruptedException {
        IndexStatus st = index.engine.awaitSettled(root, SETTLE);
        assertTrue(st.settled(), st.describe());
    }

    /** A directory of {@link #FILES} files with distinct contents in a few subdirectories. */
    private void directoryOfManyFiles(String dir) throws IOException {
        for (int i = 0; i < FILES; i++) {
            Trees.write(tree.resolve(dir + "/s" + (i % 7) + "/f" + i + ".txt"), "content of file " + i);
        }
    }

    /** The hashes of the files under {@code dir}, by their path relative to it. */
    private Map<String, String> hashesUnder(TestIndex index, String dir) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<IndexEntry> s = index.engine.entries(tree, dir)) {
            s.filter(e -> e.kind() == EntryKind.FILE)
                    .forEach(e -> hashes.put(
                            e.path().substring(dir.length() + 1), e.hash().orElse("none")));
        }
        return hashes;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void assertLiveUnder(TestIndex index, Path root, String dir, boolean expected) {
        try (Stream<IndexEntry> s = index.engine.entries(root, dir)) {
            assertEquals(expected, s.findAny().isPresent(), "live entries under " + dir);
        }
    }

    @Test
    void aRenamedFileKeepsItsHashWithoutBeingRead() throws Exception {
        Trees.write(tree.resolve("old.txt"), "renamed, not rewritten");
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            String hash =
                    index.engine.entry(tree, "old.txt").orElseThrow().hash().orElseThrow();
            int read = index.hasher.calls.get();

            move(tree.resolve("old.txt"), tree.resolve("new.txt"));
            index.engine.flushEvents(tree);
            settle(index, tree);

            assertEquals(
                    hash,
                    index.engine.entry(tree, "new.txt").orElseThrow().hash().orElseThrow());
            assertTrue(index.engine.entry(tree, "old.txt").orElseThrow().deleted());
            assertEquals(read, index.hasher.calls.get(), "no file read");
        }
    }

    @Test
    void aRenamedDirectoryOfManyFilesKeepsTheirHashesWithoutReadingOne() throws Exception {
        directoryOfManyFiles("before");
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            Map<String, String> hashes = hashesUnder(index, "before");
            assertEquals(FILES, hashes.size());
            int read = index.hasher.calls.get();

            move(tree.resolve("before"), tree.resolve("after"));
            index.engine.flushEvents(tree);
            settle(index, tree);

            assertEquals(hashes, hashesUnder(index, "after"));
            assertLiveUnder(index, tree, "before", false);
            assertEquals(read, index.hasher.calls.get(), "no file read");
            Trees.assertIndexed(tree, index.entries(tree));
        }
    }

    @Test
    void aDirectoryRenamedWhileTheIndexWasDownIsNotReadAtTheNextStart() throws Exception {
        directoryOfManyFiles("before");
        Map<String, String> hashes;
        int read;
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            hashes = hashesUnder(index, "before");
            read = index.hasher.calls.get();
        }
        move(tree.resolve("before"), tree.resolve("after"));
        try (TestIndex restarted = new TestIndex(db.resolve("db"))) {
            settle(restarted, tree);
            assertEquals(hashes, hashesUnder(restarted, "after"));
            assertEquals(0, restarted.hasher.calls.get(), "no file read by the start-up scan");
            assertEquals(FILES, read);
        }
    }

    @Test
    void theOldPathSeenGoneBeforeTheNewOneIsScannedLendsItsHashes() throws Exception {
        directoryOfManyFiles("before");
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), NEVER)) {
            index.engine.register(tree);
            settle(index, tree);
            Map<String, String> hashes = hashesUnder(index, "before");
            int read = index.hasher.calls.get();
            move(tree.resolve("before"), tree.resolve("after"));

            index.engine.rescan(tree, List.of("before"));
            assertLiveUnder(index, tree, "before", false);
            index.engine.rescan(tree, List.of("after"));

            assertEquals(hashes, hashesUnder(index, "after"));
            assertEquals(read, index.hasher.calls.get(), "no file read");
        }
    }

    @Test
    void theNewPathScannedBeforeTheOldOneIsSeenGoneTakesTheLiveEntriesHashes() throws Exception {
        directoryOfManyFiles("before");
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), NEVER)) {
            index.engine.register(tree);
            settle(index, tree);
            Map<String, String> hashes = hashesUnder(index, "before");
            int read = index.hasher.calls.get();
            move(tree.resolve("before"), tree.resolve("after"));

            index.engine.rescan(tree, List.of("after"));
            assertLiveUnder(index, tree, "before", true);
            assertEquals(hashes, hashesUnder(index, "after"));
            index.engine.rescan(tree, List.of("before"));

            assertLiveUnder(index, tree, "before", false);
            assertEquals(hashes, hashesUnder(index, "after"));
            assertEquals(read, index.hasher.calls.get(), "no file read");
        }
    }

    @Test
    void bothPathsInOneBatchLendTheHashesInEitherPathOrder() throws Exception {
        directoryOfManyFiles("m");
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), NEVER)) {
            index.engine.register(tree);
            settle(index, tree);
            Map<String, String> hashes = hashesUnder(index, "m");
            int read = index.hasher.calls.get();

            move(tree.resolve("m"), tree.resolve("z")); // the old path sorts first
            index.engine.rescan(tree, List.of("z", "m"));
            assertEquals(hashes, hashesUnder(index, "z"));
            move(tree.resolve("z"), tree.resolve("a")); // the new path sorts first
            index.engine.rescan(tree, List.of("z", "a"));

            assertEquals(hashes, hashesUnder(index, "a"));
            assertLiveUnder(index, tree, "m", false);
            assertLiveUnder(index, tree, "z", false);
            assertEquals(read, index.hasher.calls.get(), "no file read");
        }
    }

    @Test
    void aMovedFileWithAnotherMtimeIsHashed() throws Exception {
        Path old = tree.resolve("old.txt");
        Trees.write(old, "same size");
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), NEVER)) {
            index.engine.register(tree);
            settle(index, tree);
            int read = index.hasher.calls.get();
            Path moved = tree.resolve("new.txt");
            move(old, moved);
            Files.setLastModifiedTime(
                    moved, FileTime.fromMillis(Files.getLastModifiedTime(moved).toMillis() - 10_000));

            index.engine.rescan(tree, List.of("old.txt", "new.txt"));

            assertEquals(read + 1, index.hasher.calls.get(), "the moved file is read");
        }
    }

    @Test
    void aMovedFileWithAnotherSizeButTheSameMtimeIsHashed() throws Exception {
        Path old = tree.resolve("old.txt");
        Trees.write(old, "before");
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), NEVER)) {
            index.engine.register(tree);
            settle(index, tree);
            int read = index.hasher.calls.get();
            Path moved = tree.resolve("new.txt");
            move(old, moved);
            FileTime mtime = Files.getLastModifiedTime(moved);
            Files.writeString(moved, " and after", StandardOpenOption.APPEND);
            Files.setLastModifiedTime(moved, mtime);

            index.engine.rescan(tree, List.of("new.txt", "old.txt"));

            assertEquals(read + 1, index.hasher.calls.get(), "the moved file is read");
            assertEquals(
                    Trees.sha256("before and after".getBytes()),
                    index.engine.entry(tree, "new.txt").orElseThrow().hash().orElseThrow());
        }
    }

    @Test
    void inARenamedDirectoryOnlyTheFileChangedSinceIsHashed() throws Exception {
        directoryOfManyFiles("before");
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), NEVER)) {
            index.engine.register(tree);
            settle(index, tree);
            int read = index.hasher.calls.get();
            move(tree.resolve("before"), tree.resolve("after"));
            Path touched = tree.resolve("after/s3/f10.txt");
            Files.setLastModifiedTime(
                    touched,
                    FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() - 10_000));

            index.engine.rescan(tree, List.of("before", "after"));

            assertEquals(read + 1, index.hasher.calls.get(), "one file read");
            assertEquals(2, index.hasher.calls("f10.txt"), "the one whose mtime changed, read again");
        }
    }

    @Test
    void aMovedFileComesFromItsOldPathLessWhatTheMoveLeftUnchanged() {
        assertEquals("a", MovedFiles.movedFrom("a/d/e/f.txt", "b/d/e/f.txt"));
        assertEquals("x/a", MovedFiles.movedFrom("x/a/f.txt", "y/b/f.txt"));
        assertEquals("x", MovedFiles.movedFrom("x/f.txt", "y/g.txt"));
        assertEquals("", MovedFiles.movedFrom("f.txt", "sub/f.txt"));
    }

    @Test
    void aTombstoneKeepsItsHashForMovesButReportsNone() throws Exception {
        Trees.write(tree.resolve("old.txt"), "gone");
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), NEVER)) {
            index.engine.register(tree);
            settle(index, tree);
            move(tree.resolve("old.txt"), tree.resolve("new.txt"));
            index.engine.rescan(tree, List.of("old.txt"));

            IndexEntry tombstone = index.engine.entry(tree, "old.txt").orElseThrow();
            assertTrue(tombstone.deleted());
            assertFalse(tombstone.hash().isPresent(), "a deleted entry has no hash");
        }
    }

    @Test
    void aDatabaseFromBeforeTheInodeIndexGetsItAtTheNextStart() throws Exception {
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            try (Connection c = index.dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("DROP INDEX " + EntryStore.INODE_INDEX);
                assertFalse(inodeIndexExists(c));
            }
        }
        try (TestIndex restarted = new TestIndex(db.resolve("db"));
                Connection c = restarted.dataSource.getConnection()) {
            assertTrue(inodeIndexExists(c));
        }
    }

    private static boolean inodeIndexExists(Connection c) throws Exception {
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, EntryStore.ENTRY_TABLE, false, true)) {
            while (rs.next()) {
                if (EntryStore.INODE_INDEX.equals(rs.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
