package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexException;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexEngineTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path tree;

    @TempDir
    Path db;

    private static void settle(TestIndex index, Path root) throws InterruptedException {
        IndexStatus st = index.engine.awaitSettled(root, SETTLE);
        assertTrue(st.settled(), st.describe());
    }

    @Test
    void firstScanIndexesEveryEntryExactly() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            IndexedLocation registered = index.engine.register(tree);
            assertEquals(tree, registered.root());
            settle(index, tree);
            List<IndexEntry> entries = index.entries(tree);
            Trees.assertIndexed(tree, entries);
            assertTrue(entries.stream().noneMatch(e -> e.path().contains(".filesync")));
            IndexedLocation loc = index.engine.location(tree).orElseThrow();
            assertEquals(IndexedLocation.SETTLED, loc.state());
            assertEquals(entries.size(), loc.entryCount());
            assertTrue(loc.lastFullScan().isPresent());
            assertEquals(entries.size(), loc.sequence(), "one sequence number per insert");
            IndexEntry link = index.engine.entry(tree, "dangling").orElseThrow();
            assertEquals("no/such/target", link.symlinkTarget().orElseThrow());
        }
    }

    @Test
    void aDirectoryReplacedByAFileLeavesNoEntryBelowItAndNoneInError() throws Exception {
        Path sub = java.nio.file.Files.createDirectories(tree.resolve("dir/sub/deeper"));
        Trees.write(sub.resolve("g.txt"), "g");
        Trees.write(tree.resolve("dir/sub/f.txt"), "f");
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            Trees.deleteTree(tree.resolve("dir/sub"));
            Trees.write(tree.resolve("dir/sub"), "now a file");
            // the watcher's events for the old children arrive after the file replaced their folder
            index.awaitCondition(
                    SETTLE,
                    () -> index.entries(tree).stream().noneMatch(e -> e.path().startsWith("dir/sub/")),
                    "the entries below the replaced directory gone");
            settle(index, tree);
            IndexEntry file = index.entries(tree).stream()
                    .filter(e -> e.path().equals("dir/sub"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(org.filesync.api.path.EntryKind.FILE, file.kind());
            assertTrue(
                    index.entries(tree).stream().allMatch(e -> e.error().isEmpty()),
                    index.entries(tree).toString());
        }
    }

    @Test
    void countsAreWhatTheEntriesStreamHoldsWithoutTombstones() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            List<IndexEntry> all = index.entries(tree);
            long files = all.stream()
                    .filter(e -> e.kind() != org.filesync.api.path.EntryKind.DIRECTORY)
                    .count();
            assertEquals(new org.filesync.index.EntryCount(all.size(), files), index.engine.count(tree, ""));
            IndexEntry directory = all.stream()
                    .filter(e -> e.kind() == org.filesync.api.path.EntryKind.DIRECTORY)
                    .findFirst()
                    .orElseThrow();
            String prefix = directory.path();
            long under =
                    all.stream().filter(e -> e.path().startsWith(prefix + "/")).count();
            long filesUnder = all.stream()
                    .filter(e ->
                            e.path().startsWith(prefix + "/") && e.kind() != org.filesync.api.path.EntryKind.DIRECTORY)
                    .count();
            assertEquals(new org.filesync.index.EntryCount(under, filesUnder), index.engine.count(tree, prefix));
            java.nio.file.Files.walk(tree.resolve(prefix))
                    .filter(java.nio.file.Files::isRegularFile)
                    .findFirst()
                    .ifPresent(file -> {
                        try {
                            java.nio.file.Files.delete(file);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            index.engine.rescan(tree);
            assertEquals(filesUnder - 1, index.engine.count(tree, prefix).files());
            assertEquals(countedFromEntries(index), index.engine.count(tree, ""), "after a deletion");

            Files.delete(tree.resolve("a.txt"));
            Files.createDirectories(tree.resolve("a.txt/now-a-directory"));
            index.engine.rescan(tree);
            settle(index, tree);
            assertEquals(countedFromEntries(index), index.engine.count(tree, ""), "after a file became a directory");
        }
        try (TestIndex restarted = new TestIndex(db.resolve("db"))) {
            settle(restarted, tree);
            assertEquals(countedFromEntries(restarted), restarted.engine.count(tree, ""), "after a restart");
        }
    }

    private String hashOf(TestIndex index, String path) {
        return index.engine.entry(tree, path).orElseThrow().hash().orElseThrow();
    }

    private org.filesync.index.EntryCount countedFromEntries(TestIndex index) throws Exception {
        List<IndexEntry> all = index.entries(tree);
        return new org.filesync.index.EntryCount(
                all.size(),
                all.stream()
                        .filter(e -> e.kind() != org.filesync.api.path.EntryKind.DIRECTORY)
                        .count());
    }

    @Test
    void aReaderSeesWhatSingleLookupsSeeTombstonesIncluded() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            IndexEntry file = index.entries(tree).stream()
                    .filter(e -> e.kind() == org.filesync.api.path.EntryKind.FILE)
                    .findFirst()
                    .orElseThrow();
            java.nio.file.Files.delete(tree.resolve(file.path()));
            index.engine.rescan(tree);
            try (org.filesync.index.IndexReader reader = index.engine.reader(tree)) {
                for (IndexEntry entry : index.entries(tree)) {
                    assertEquals(index.engine.entry(tree, entry.path()), reader.entry(entry.path()));
                }
                assertTrue(reader.entry(file.path()).orElseThrow().deleted());
                assertTrue(reader.entry("no/such/path").isEmpty());
            }
        }
    }

    @Test
    void unchangedFilesAreNotHashedAgain() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            List<String> files = index.entries(tree).stream()
                    .filter(e -> e.kind() == org.filesync.api.path.EntryKind.FILE)
                    .map(IndexEntry::name)
                    .toList();
            assertEquals(6, files.size());
            assertEquals(files.size(), index.hasher.calls.get(), "the first scan hashes each file once");
            long seq = index.engine.location(tree).orElseThrow().sequence();

            index.engine.rescan(tree);
            settle(index, tree);
            assertEquals(files.size(), index.hasher.calls.get(), "a no-change rescan hashes nothing");
            assertEquals(seq, index.engine.location(tree).orElseThrow().sequence(), "and changes nothing");

            // the watcher sees these changes too and re-hashes the file it was told about; what
            // matters is that no other file is hashed again
            Path a = tree.resolve("a.txt");
            Files.setLastModifiedTime(
                    a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() - 10_000));
            index.engine.rescan(tree);
            settle(index, tree);
            assertTrue(index.hasher.calls("a.txt") >= 2, "an mtime change re-hashes the file");
            Files.writeString(tree.resolve("dir/sub/deep.txt"), "shorter");
            index.engine.rescan(tree.resolve("dir"));
            settle(index, tree);
            assertTrue(index.hasher.calls("deep.txt") >= 2, "a size change re-hashes the file");
            assertEquals(Trees.sha256("shorter".getBytes()), hashOf(index, "dir/sub/deep.txt"));
            for (String name : files) {
                if (!name.equals("a.txt") && !name.equals("deep.txt")) {
                    assertEquals(1, index.hasher.calls(name), name + " was not changed and is not hashed again");
                }
            }

            Map<String, Integer> before = new java.util.HashMap<>();
            files.forEach(n -> before.put(n, index.hasher.calls(n)));
            index.engine.rescan(tree, true);
            for (String name : files) {
                assertEquals(before.get(name) + 1, index.hasher.calls(name), "a deep rescan re-hashes " + name);
            }
            Trees.assertIndexed(tree, index.entries(tree));
        }
    }

    @Test
    void aRescanOfListedPathsHashesOnlyWhatChangedAndIsWrittenWhenItReturns() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            List<String> all =
                    index.entries(tree).stream().map(IndexEntry::path).toList();
            int hashes = index.hasher.calls.get();
            long seq = index.engine.location(tree).orElseThrow().sequence();

            index.engine.rescan(tree, all);
            assertEquals(hashes, index.hasher.calls.get(), "nothing changed: nothing hashed");
            assertEquals(seq, index.engine.location(tree).orElseThrow().sequence(), "and nothing written");

            Files.delete(tree.resolve("a.txt"));
            Files.writeString(tree.resolve("dir/sub/deep.txt"), "shorter");
            Trees.write(tree.resolve("new-dir/inner/f.txt"), "inside a new directory");
            index.engine.rescan(tree, List.of("a.txt", "dir/sub/deep.txt", "new-dir"));
            // asserted at once: the watcher's events wait out their debounce window
            assertTrue(index.engine.entry(tree, "a.txt").orElseThrow().deleted());
            assertEquals(Trees.sha256("shorter".getBytes()), hashOf(index, "dir/sub/deep.txt"));
            assertEquals(
                    Trees.sha256("inside a new directory".getBytes()),
                    hashOf(index, "new-dir/inner/f.txt"),
                    "a new directory is scanned whole");
            settle(index, tree);
            Trees.assertIndexed(tree, index.entries(tree));
        }
    }

    @Test
    void flushedEventsAreAppliedWithoutWaitingOutTheirDebounceWindow() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"), new FileFacts(), Duration.ofMinutes(10))) {
            index.engine.register(tree);
            IndexStatus scanned = index.engine.awaitSettled(tree, SETTLE);
            assertTrue(scanned.settled(), scanned.describe());
            Trees.write(tree.resolve("written.txt"), "complete");

            index.engine.flushEvents(tree);
            IndexStatus flushed = index.engine.awaitSettled(tree, SETTLE);

            assertTrue(flushed.settled(), "a ten-minute debounce window was not waited out: " + flushed.describe());
            assertEquals(Trees.sha256("complete".getBytes()), hashOf(index, "written.txt"));
            assertThrows(IndexException.class, () -> index.engine.flushEvents(tree.resolve("dir")));
        }
    }

    @Test
    void aRescanOfListedPathsRefusesBadPaths() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            assertEquals(
                    "not a relative path: '/etc/passwd'",
                    assertThrows(IndexException.class, () -> index.engine.rescan(tree, List.of("a.txt", "/etc/passwd")))
                            .getMessage());
            assertThrows(IndexException.class, () -> index.engine.rescan(tree, List.of("a.txt", "dir/")));
            assertTrue(assertThrows(IndexException.class, () -> index.engine.rescan(tree, List.of(".filesync/tmp/x")))
                    .getMessage()
                    .startsWith("never indexed"));
            assertTrue(
                    assertThrows(IndexException.class, () -> index.engine.rescan(tree.resolve("dir"), List.of("sub")))
                            .getMessage()
                            .startsWith("not an indexed location"));
            assertThrows(IndexException.class, () -> index.engine.rescan(tree, null));
        }
    }

    @Test
    void deletionsLeaveTombstonesSeenByChangesSince() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            long seq0 = index.engine.location(tree).orElseThrow().sequence();
            long live0 = index.engine.location(tree).orElseThrow().entryCount();

            Files.delete(tree.resolve("a.txt"));
            Files.delete(tree.resolve("dir/sub/deep.txt"));
            Files.delete(tree.resolve("dir/sub"));
            index.engine.rescan(tree);

            List<IndexEntry> changes;
            try (Stream<IndexEntry> s = index.engine.changesSince(tree, "", seq0)) {
                changes = s.toList();
            }
            Map<String, IndexEntry> byPath = new java.util.HashMap<>();
            changes.forEach(e -> byPath.put(e.path(), e));
            assertTrue(byPath.get("a.txt").deleted());
            assertTrue(byPath.get("dir/sub").deleted());
            assertTrue(byPath.get("dir/sub/deep.txt").deleted());
            assertFalse(byPath.get("dir").deleted(), "the parent's mtime changed");
            assertEquals(4, changes.size());
            List<Long> seqs = changes.stream().map(IndexEntry::sequence).toList();
            assertEquals(seqs.stream().sorted().toList(), seqs, "ascending sequence");
            assertTrue(seqs.get(0) > seq0);
            assertEquals(live0 - 3, index.engine.location(tree).orElseThrow().entryCount());
            Trees.assertIndexed(tree, index.entries(tree));

            try (Stream<IndexEntry> s = index.engine.changesSince(tree, "dir", seq0)) {
                assertEquals(
                        List.of("dir", "dir/sub", "dir/sub/deep.txt"),
                        s.map(IndexEntry::path).sorted().toList());
            }

            long seq1 = index.engine.location(tree).orElseThrow().sequence();
            Trees.write(tree.resolve("a.txt"), "back");
            index.engine.rescan(tree.resolve("a.txt"));
            IndexEntry back = index.engine.entry(tree, "a.txt").orElseThrow();
            assertFalse(back.deleted());
            // the rescan and the watcher's own event for the write may each record it: one or two steps
            assertTrue(back.sequence() > seq1 && back.sequence() <= seq1 + 2, back.sequence() + " after " + seq1);
        }
    }

    @Test
    void unreadableEntriesAreRecordedAndKeepTheirChildren() throws Exception {
        Trees.build(tree);
        Trees.write(tree.resolve("locked/child.txt"), "child");
        Trees.write(tree.resolve("secret.txt"), "secret");
        DenyingFacts facts = new DenyingFacts();
        try (TestIndex index = new TestIndex(db.resolve("db"), facts)) {
            index.hasher.denied.add("secret.txt");
            index.engine.register(tree);
            settle(index, tree);
            IndexEntry secret = index.engine.entry(tree, "secret.txt").orElseThrow();
            assertEquals("permission denied", secret.error().orElseThrow());
            assertTrue(secret.hash().isEmpty());
            assertTrue(index.engine
                    .entry(tree, "locked/child.txt")
                    .orElseThrow()
                    .hash()
                    .isPresent());

            facts.deniedDirectory = "locked";
            index.engine.rescan(tree);
            IndexEntry locked = index.engine.entry(tree, "locked").orElseThrow();
            assertEquals("permission denied", locked.error().orElseThrow());
            IndexEntry child = index.engine.entry(tree, "locked/child.txt").orElseThrow();
            assertFalse(child.deleted(), "an unreadable directory's entries are kept, not deleted");
            Trees.assertIndexed(tree.resolve("dir"), stripPrefix(index, "dir"));

            facts.deniedDirectory = null;
            index.hasher.denied.clear();
            index.engine.rescan(tree);
            assertTrue(index.engine.entry(tree, "locked").orElseThrow().error().isEmpty());
            assertTrue(
                    index.engine.entry(tree, "secret.txt").orElseThrow().hash().isPresent());
            Trees.assertIndexed(tree, index.entries(tree));
        }
    }

    private List<IndexEntry> stripPrefix(TestIndex index, String prefix) {
        try (Stream<IndexEntry> s = index.engine.entries(tree, prefix)) {
            return s.filter(e -> !e.path().equals(prefix))
                    .map(e -> new IndexEntry(
                            e.path().substring(prefix.length() + 1),
                            e.facts(),
                            e.inode(),
                            e.sequence(),
                            e.deleted(),
                            e.error()))
                    .toList();
        }
    }

    /** Simulates a directory whose listing is refused (the tests run as root, who may read anything). */
    static final class DenyingFacts extends FileFacts {
        volatile String deniedDirectory;

        @Override
        DirectoryStream<Path> list(Path dir) throws IOException {
            if (dir.getFileName() != null && dir.getFileName().toString().equals(deniedDirectory)) {
                throw new AccessDeniedException(dir.toString());
            }
            return super.list(dir);
        }
    }

    @Test
    void pathsInsideALocationReuseIt() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            assertEquals(tree, index.engine.register(tree.resolve("dir/sub")).root());
            assertEquals(1, index.engine.locations().size());
            LocatedPath located =
                    index.engine.locate(tree.resolve("dir/sub/../sub/deep.txt")).orElseThrow();
            assertEquals(tree, located.location().root());
            assertEquals("dir/sub/deep.txt", located.relativePath());
            assertEquals("", index.engine.locate(tree).orElseThrow().relativePath());
            assertTrue(index.engine.locate(tree.getParent()).isEmpty());
            assertThrows(IndexException.class, () -> index.engine.register(Path.of("relative")));
            assertThrows(IndexException.class, () -> index.engine.register(db.resolve("missing")));
            assertThrows(IndexException.class, () -> index.engine.entries(db, ""));
            assertThrows(IndexException.class, () -> index.engine.rescan(db));
        }
    }

    @Test
    void subtreesStreamContiguouslyInPathOrder() throws Exception {
        Trees.build(tree);
        Trees.write(tree.resolve("dir-x"), "sibling that sorts between dir and dir/");
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            try (Stream<IndexEntry> s = index.engine.entries(tree, "dir")) {
                assertEquals(
                        List.of("dir", "dir/empty", "dir/sub", "dir/sub/deep.txt"),
                        s.map(IndexEntry::path).toList());
            }
            try (Stream<IndexEntry> s = index.engine.entries(tree, "a")) {
                assertEquals(List.of(), s.toList());
            }
            List<IndexEntry> all = index.entries(tree);
            List<IndexEntry> sorted = all.stream().sorted(IndexEntry.PATH_ORDER).toList();
            assertEquals(sorted, all);
            assertTrue(all.stream()
                    .map(IndexEntry::path)
                    .toList()
                    .containsAll(List.of("a-b", "a.txt", "trailing ", "new\nline.txt")));
        }
    }

    @Test
    void restartFindsChangesMadeWhileDown() throws Exception {
        Trees.build(tree);
        long seq;
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            seq = index.engine.location(tree).orElseThrow().sequence();
        }
        Files.writeString(tree.resolve("a.txt"), "changed while down");
        Files.delete(tree.resolve("link"));
        Trees.write(tree.resolve("dir/new.txt"), "new");
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            assertEquals(
                    List.of(tree),
                    index.engine.locations().stream().map(IndexedLocation::root).toList());
            settle(index, tree);
            Trees.assertIndexed(tree, index.entries(tree));
            assertEquals(2, index.hasher.calls.get(), "only the changed and the new file are hashed");
            try (Stream<IndexEntry> s = index.engine.changesSince(tree, "", seq)) {
                List<IndexEntry> changes = s.toList();
                assertTrue(changes.stream().anyMatch(e -> e.path().equals("link") && e.deleted()));
                assertTrue(changes.stream().anyMatch(e -> e.path().equals("dir/new.txt") && !e.deleted()));
                assertTrue(changes.stream().allMatch(e -> e.sequence() > seq));
            }
        }
    }

    @Test
    void anInterruptedFirstScanResumesAtTheNextStart() throws Exception {
        int files = 3000;
        for (int i = 0; i < files; i++) {
            Trees.write(tree.resolve("d" + (i % 30)).resolve("f" + i), "content " + i);
        }
        int hashedBefore;
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.hasher.gate = new java.util.concurrent.Semaphore(1000); // then hashing stalls
            index.engine.register(tree);
            index.awaitCondition(
                    SETTLE,
                    () -> index.engine.location(tree).orElseThrow().entryCount() >= 500,
                    "part of the first scan written");
            hashedBefore = index.hasher.calls.get();
            assertTrue(index.engine.location(tree).orElseThrow().lastFullScan().isEmpty(), "still scanning");
        } // stops the engine in the middle of its first scan
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            settle(index, tree);
            Trees.assertIndexed(tree, index.entries(tree));
            assertTrue(
                    index.hasher.calls.get() < files,
                    "files written before the stop are not hashed again: " + index.hasher.calls.get()
                            + " hashed after the restart, " + hashedBefore + " before");
            assertTrue(index.engine.location(tree).orElseThrow().lastFullScan().isPresent());
        }
    }

    @Test
    void aCancelledScanLeavesTheLocationUnsettledUntilARescanCompletesIt() throws Exception {
        for (int i = 0; i < 2000; i++) {
            Trees.write(tree.resolve("d" + (i % 20)).resolve("f" + i), "content " + i);
        }
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(300);
            index.hasher.gate = gate; // hashing stalls after 300 files
            index.engine.register(tree);
            index.awaitCondition(
                    SETTLE,
                    () -> index.engine.location(tree).orElseThrow().entryCount() >= 100,
                    "part of the first scan written");
            assertTrue(index.engine.cancelScans(tree));
            gate.release(100_000);
            IndexStatus st = index.engine.awaitSettled(tree, Duration.ofSeconds(2));
            assertFalse(st.settled(), st.describe());
            assertTrue(st.describe().contains("cancelled"), st.describe());
            assertTrue(index.engine.location(tree).orElseThrow().isError());

            index.engine.rescan(tree);
            settle(index, tree);
            assertEquals(
                    IndexedLocation.SETTLED,
                    index.engine.location(tree).orElseThrow().state());
            Trees.assertIndexed(tree, index.entries(tree));
            assertFalse(index.engine.cancelScans(tree), "nothing left to cancel");
        }
    }

    @Test
    void aMissingRootIsAnErrorNotAnEmptyTree() throws Exception {
        Path root = tree.resolve("root");
        Trees.build(root);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(root);
            settle(index, root);
            long live = index.engine.location(root).orElseThrow().entryCount();
            Files.move(root, tree.resolve("elsewhere"));
            IndexException e = assertThrows(IndexException.class, () -> index.engine.rescan(root));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
            IndexedLocation loc = index.engine.location(root).orElseThrow();
            assertTrue(loc.isError(), loc.state());
            assertEquals(live, loc.entryCount(), "nothing tombstoned");
            assertFalse(index.engine.status(root).settled());
        }
    }

    @Test
    void anUnreadableRootIsAnErrorNotAnEmptyTree() throws Exception {
        Path root = tree.resolve("root");
        Trees.build(root);
        DenyingFacts facts = new DenyingFacts();
        try (TestIndex index = new TestIndex(db.resolve("db"), facts)) {
            index.engine.register(root);
            settle(index, root);
            long live = index.engine.location(root).orElseThrow().entryCount();
            facts.deniedDirectory = "root";
            IndexException e = assertThrows(IndexException.class, () -> index.engine.rescan(root));
            assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
            IndexedLocation loc = index.engine.location(root).orElseThrow();
            assertTrue(loc.isError(), loc.state());
            assertEquals(live, loc.entryCount(), "nothing tombstoned");
            facts.deniedDirectory = null;
            index.engine.rescan(root);
            assertFalse(index.engine.location(root).orElseThrow().isError());
            Trees.assertIndexed(root, index.entries(root));
        }
    }

    @Test
    void namesThatAreNotValidUtf8DoNotBreakTheScan() throws Exception {
        Trees.write(tree.resolve("ok.txt"), "ok");
        // two names with bytes that are not UTF-8: both read as "\uFFFD" in Java
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf '\\377')\" \"$(printf '\\376')\"")
                .directory(tree.toFile())
                .inheritIO()
                .start();
        assertEquals(0, touch.waitFor());
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            IndexedLocation loc = index.engine.location(tree).orElseThrow();
            assertFalse(loc.isError(), loc.state());
            assertTrue(index.engine.entry(tree, "ok.txt").isPresent());
            assertTrue(index.engine.entry(tree, "\uFFFD").isPresent());
            assertEquals(2, loc.entryCount());
        }
    }

    @Test
    void unregisterForgetsTheEntries() throws Exception {
        Trees.build(tree);
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            assertTrue(index.engine.unregister(tree));
            assertFalse(index.engine.unregister(tree));
            assertTrue(index.engine.locations().isEmpty());
            index.engine.register(tree);
            settle(index, tree);
            Trees.assertIndexed(tree, index.entries(tree));
            assertTrue(Files.exists(tree.resolve("a.txt")), "files untouched");
        }
    }

    @Test
    void entriesComeInStringOrderForAwkwardNames() throws Exception {
        for (String n : List.of("b", "b ", "b\t", "b\n", "b-", "b.", "B", "é", "日", "\uD83D\uDE00", "b0")) {
            Trees.write(tree.resolve(n), n);
        }
        Files.createDirectories(tree.resolve("d/c"));
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            List<String> paths =
                    index.entries(tree).stream().map(IndexEntry::path).toList();
            assertEquals(paths.stream().sorted(Comparator.naturalOrder()).toList(), paths);
            assertEquals(13, paths.size());
        }
    }
}
