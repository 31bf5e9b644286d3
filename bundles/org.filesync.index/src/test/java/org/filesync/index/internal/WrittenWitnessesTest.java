package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.filesync.api.path.EntryKind;
import org.filesync.api.path.Witness;
import org.filesync.index.IndexException;
import org.filesync.index.IndexStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrittenWitnessesTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration NEVER = Duration.ofMinutes(10);

    @TempDir
    Path tree;

    @TempDir
    Path db;

    private final FileFacts facts = new FileFacts();

    /** Writes {@code content} to a temp file and renames it to {@code rel}, as the copy does; returns its witness. */
    private Witness placeAsTheCopyDoes(String rel, String content) throws IOException {
        Path temp = Files.createDirectories(tree.resolve(".filesync/tmp")).resolve("copy-" + System.nanoTime());
        Files.writeString(temp, content);
        Path target = tree.resolve(rel);
        Files.createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Witness.read(target).orElseThrow();
    }

    private static void settle(TestIndex index, Path root) throws InterruptedException {
        IndexStatus st = index.engine.awaitSettled(root, SETTLE);
        assertTrue(st.settled(), st.describe());
    }

    private static String hashOf(TestIndex index, Path root, String rel) {
        return index.engine.entry(root, rel).orElseThrow().hash().orElseThrow();
    }

    private TestIndex settledIndex(Duration debounce) throws InterruptedException {
        TestIndex index = new TestIndex(db.resolve("db"), facts, debounce);
        index.engine.register(tree);
        settle(index, tree);
        return index;
    }

    @Test
    void aFileTheCopyAnnouncedTakesItsHashWithoutBeingRead() throws Exception {
        try (TestIndex index = settledIndex(Duration.ofMillis(50))) {
            Witness witness = placeAsTheCopyDoes("copied.txt", "written by the copy");
            index.engine.expectWritten(
                    tree.resolve("copied.txt"), witness, Trees.sha256("written by the copy".getBytes()));

            index.engine.flushEvents(tree);
            settle(index, tree);

            assertEquals(Trees.sha256("written by the copy".getBytes()), hashOf(index, tree, "copied.txt"));
            assertEquals(0, index.hasher.calls("copied.txt"), "the watcher's event took the copy's hash");
        }
    }

    @Test
    void aLaterWriteThatRestoresSizeAndMtimeIsHashedAgain() throws Exception {
        try (TestIndex index = settledIndex(NEVER)) {
            Path file = tree.resolve("copied.txt");
            Witness witness = placeAsTheCopyDoes("copied.txt", "written by the copy");
            index.engine.expectWritten(file, witness, Trees.sha256("written by the copy".getBytes()));
            FileTime mtime = Files.getLastModifiedTime(file);
            Files.writeString(file, "WRITTEN BY THE USER");
            Files.setLastModifiedTime(file, mtime);
            assertEquals(witness.size(), Files.size(file));

            index.engine.flushEvents(tree);
            settle(index, tree);

            assertEquals(1, index.hasher.calls("copied.txt"), "the changed change time made the index read it");
            assertEquals(Trees.sha256("WRITTEN BY THE USER".getBytes()), hashOf(index, tree, "copied.txt"));
        }
    }

    @Test
    void anotherFileRenamedOntoThePathIsHashedAgain() throws Exception {
        try (TestIndex index = settledIndex(NEVER)) {
            Path file = tree.resolve("copied.txt");
            Witness witness = placeAsTheCopyDoes("copied.txt", "written by the copy");
            index.engine.expectWritten(file, witness, Trees.sha256("written by the copy".getBytes()));
            Path other = Files.writeString(tree.resolve("other.txt"), "WRITTEN BY THE USER");
            Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
            Files.move(other, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            index.engine.rescan(tree, List.of("copied.txt", "other.txt"));

            assertEquals(1, index.hasher.calls("copied.txt"), "a new inode: the index read it");
            assertEquals(Trees.sha256("WRITTEN BY THE USER".getBytes()), hashOf(index, tree, "copied.txt"));
        }
    }

    @Test
    void theRescanOfTouchedPathsTakesTheHashToo() throws Exception {
        try (TestIndex index = settledIndex(NEVER)) {
            Witness witness = placeAsTheCopyDoes("copied.txt", "written by the copy");
            index.engine.expectWritten(
                    tree.resolve("copied.txt"), witness, Trees.sha256("written by the copy".getBytes()));

            index.engine.rescan(tree, List.of("copied.txt"));

            assertEquals(Trees.sha256("written by the copy".getBytes()), hashOf(index, tree, "copied.txt"));
            assertEquals(0, index.hasher.calls("copied.txt"));
        }
    }

    @Test
    void aNewDirectoryScannedWholeTakesTheHashesOfWhatTheCopyWroteInIt() throws Exception {
        try (TestIndex index = settledIndex(NEVER)) {
            for (int i = 0; i < 20; i++) {
                String rel = "new-dir/sub/f" + i + ".txt";
                Witness witness = placeAsTheCopyDoes(rel, "file " + i);
                index.engine.expectWritten(tree.resolve(rel), witness, Trees.sha256(("file " + i).getBytes()));
            }
            Files.writeString(tree.resolve("new-dir/sub/f0.txt"), "FILE 0"); // same size, written since

            index.engine.rescan(tree, List.of("new-dir"));

            assertEquals(1, index.hasher.calls.get(), "only the file written since was read");
            assertEquals(Trees.sha256("FILE 0".getBytes()), hashOf(index, tree, "new-dir/sub/f0.txt"));
            assertEquals(Trees.sha256("file 7".getBytes()), hashOf(index, tree, "new-dir/sub/f7.txt"));
        }
    }

    @Test
    void aDeepRescanReadsEveryFileWhateverTheCopyAnnounced() throws Exception {
        try (TestIndex index = settledIndex(NEVER)) {
            Witness witness = placeAsTheCopyDoes("copied.txt", "written by the copy");
            index.engine.expectWritten(
                    tree.resolve("copied.txt"), witness, Trees.sha256("written by the copy".getBytes()));

            index.engine.rescan(tree, true);

            assertEquals(1, index.hasher.calls("copied.txt"));
        }
    }

    @Test
    void anAnnouncementOutsideEveryLocationIsIgnoredAndABadOneRefused() throws Exception {
        try (TestIndex index = settledIndex(NEVER)) {
            Witness witness = placeAsTheCopyDoes("copied.txt", "x");
            index.engine.expectWritten(db.resolve("elsewhere.txt"), witness, "ab");
            assertThrows(
                    IndexException.class,
                    () -> index.engine.expectWritten(tree.resolve("copied.txt"), witness, "not hex"));
            assertThrows(
                    IndexException.class, () -> index.engine.expectWritten(tree.resolve("copied.txt"), witness, "abc"));
            assertThrows(IndexException.class, () -> index.engine.expectWritten(Path.of("relative"), witness, "ab"));
        }
    }

    // ---------------------------------------------------------------- the table on its own

    @Test
    void aRecordIsTakenOnceOnlyWhenAllFiveFieldsMatch() throws Exception {
        Path file = Files.writeString(tree.resolve("f"), "content");
        Witness now = Witness.read(file).orElseThrow();
        Row found = facts.read(file, "f");
        WrittenWitnesses table = new WrittenWitnesses(10);

        table.record(file, now, "ab");
        assertEquals(Optional.of("ab"), table.take(file, found));
        assertEquals(Optional.empty(), table.take(file, found), "used once");

        for (Witness other : List.of(
                new Witness(now.device() + 1, now.inode(), now.ctimeNanos(), now.size(), now.mtimeNanos()),
                new Witness(now.device(), now.inode() + 1, now.ctimeNanos(), now.size(), now.mtimeNanos()),
                new Witness(now.device(), now.inode(), now.ctimeNanos() - 1, now.size(), now.mtimeNanos()),
                new Witness(now.device(), now.inode(), now.ctimeNanos(), now.size() + 1, now.mtimeNanos()),
                new Witness(now.device(), now.inode(), now.ctimeNanos(), now.size(), now.mtimeNanos() - 1))) {
            table.record(file, other, "ab");
            assertEquals(Optional.empty(), table.take(file, found), other + " differs from " + now);
            assertEquals(0, table.size(), "a record that does not match is forgotten");
        }
    }

    @Test
    void aRecordIsRefusedForAPathThatIsNoLongerAFile() throws Exception {
        Path file = Files.writeString(tree.resolve("f"), "content");
        WrittenWitnesses table = new WrittenWitnesses(10);
        table.record(file, Witness.read(file).orElseThrow(), "ab");
        Row directory = facts.read(file, "f");
        directory = Row.facts("f", EntryKind.DIRECTORY, 0, directory.mtime(), 0755, null, directory.inode());
        assertEquals(Optional.empty(), table.take(file, directory));
    }

    @Test
    void theTableKeepsItsLimitDroppingTheOldestAndForgetsARemovedLocation() throws Exception {
        WrittenWitnesses table = new WrittenWitnesses(3);
        Witness any = new Witness(1, 2, 3, 4, 5);
        for (int i = 0; i < 5; i++) {
            table.record(tree.resolve("a/f" + i), any, "ab");
        }
        assertEquals(3, table.size());
        Path file = Files.writeString(tree.resolve("kept"), "content");
        table.record(file, Witness.read(file).orElseThrow(), "cd");
        assertEquals(3, table.size());
        assertEquals(Optional.of("cd"), table.take(file, facts.read(file, "kept")));

        table.forgetUnder(tree.resolve("a"));
        assertEquals(0, table.size());
        assertThrows(IllegalArgumentException.class, () -> new WrittenWitnesses(0));
    }
}
