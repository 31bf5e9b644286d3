package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitSpec;
import org.filesync.api.path.EntryKind;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexListener;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The file index in the real container: a tree of a few thousand entries indexed exactly, then
 * changes on disk reflected by the watcher alone (no rescan requested), with sequence numbers and
 * tombstones, reported on the change feed; the shell commands; conduit endpoints registered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FileIndexIT extends FileSyncTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected FileIndex index;

    private final BlockingQueue<IndexChange> changes = new LinkedBlockingQueue<>();
    private final List<IndexChange> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ServiceRegistration<IndexListener> listener;

    @Before
    public void listen() {
        listener = bundleContext.registerService(
                IndexListener.class,
                change -> {
                    reported.add(change);
                    changes.add(change);
                },
                null);
    }

    @After
    public void forgetLocations() {
        listener.unregister();
        for (IndexedLocation location : index.locations()) {
            index.unregister(location.root());
        }
    }

    @Test
    public void aTreeIsIndexedExactlyThenTheWatcherAloneFollowsChanges() throws Exception {
        Path root = newDirectory("indexed");
        int files = buildTree(root);
        assertTrue(files >= 3000);
        index.register(root);
        settle(root);
        assertIndexed(root);
        IndexedLocation location = index.location(root).orElseThrow();
        assertEquals(IndexedLocation.SETTLED, location.state());
        assertTrue(location.lastFullScan().isPresent());
        assertEquals(expected(root).size(), location.entryCount());
        long seq0 = location.sequence();
        assertEquals("one sequence number per entry of the first scan", location.entryCount(), seq0);

        // create
        write(root.resolve("new/deeper/created.txt"), "created");
        Files.createDirectories(root.resolve("new/empty"));
        Files.createSymbolicLink(root.resolve("new/dangling"), Path.of("../nowhere"));
        await(
                root,
                () -> hashIs(root, "new/deeper/created.txt", "created")
                        && live(root, "new/empty")
                        && live(root, "new/dangling"));

        // modify in place: same size, old mtime restored (only the write event tells)
        Path same = root.resolve("d0/e0/f0.txt");
        String old = Files.readString(same);
        FileTime mtime = Files.getLastModifiedTime(same);
        IndexEntry before = index.entry(root, "d0/e0/f0.txt").orElseThrow();
        String replacement = old.toUpperCase(java.util.Locale.ROOT).equals(old)
                ? old.toLowerCase(java.util.Locale.ROOT)
                : old.toUpperCase(java.util.Locale.ROOT);
        try (SeekableByteChannel ch = Files.newByteChannel(same, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(replacement.getBytes(StandardCharsets.UTF_8)));
        }
        Files.setLastModifiedTime(same, mtime);
        await(root, () -> hashIs(root, "d0/e0/f0.txt", replacement));
        IndexEntry after = index.entry(root, "d0/e0/f0.txt").orElseThrow();
        assertEquals(before.size(), after.size());
        assertEquals(before.mtimeNanos(), after.mtimeNanos());
        assertTrue(after.sequence() > before.sequence());

        // modify with a new size, and chmod
        Files.writeString(root.resolve("d1/e1/f1.txt"), "rewritten");
        Files.setPosixFilePermissions(root.resolve("d1/e2/f2.txt"), PosixFilePermissions.fromString("rw-------"));
        await(
                root,
                () -> hashIs(root, "d1/e1/f1.txt", "rewritten")
                        && index.entry(root, "d1/e2/f2.txt")
                                .map(e -> e.mode() == 0600)
                                .orElse(false));

        // rename a file and a directory
        Files.move(root.resolve("d2/e0/f0.txt"), root.resolve("d2/e0/renamed.txt"));
        Files.move(root.resolve("d3"), root.resolve("d3-moved"));
        await(
                root,
                () -> tombstone(root, "d2/e0/f0.txt")
                        && live(root, "d2/e0/renamed.txt")
                        && tombstone(root, "d3")
                        && tombstone(root, "d3/e0/f0.txt")
                        && live(root, "d3-moved/e0/f0.txt"));
        write(root.resolve("d3-moved/e1/later.txt"), "later");
        await(root, () -> hashIs(root, "d3-moved/e1/later.txt", "later"));

        // delete a file and a directory tree
        Files.delete(root.resolve("d4/e0/f0.txt"));
        deleteTree(root.resolve("d5"));
        await(root, () -> tombstone(root, "d4/e0/f0.txt") && tombstone(root, "d5") && tombstone(root, "d5/e9/f9.txt"));

        // the index equals the disk again, and the change feed and sequence numbers tell what changed
        assertIndexed(root);
        List<IndexEntry> changed;
        try (Stream<IndexEntry> s = index.changesSince(root, "", seq0)) {
            changed = s.toList();
        }
        List<Long> seqs = changed.stream().map(IndexEntry::sequence).toList();
        assertEquals(seqs.stream().sorted().toList(), seqs);
        assertTrue(seqs.get(0) > seq0);
        assertEquals(index.location(root).orElseThrow().sequence(), (long) seqs.get(seqs.size() - 1));
        assertTrue(changed.stream().anyMatch(e -> e.path().equals("d5/e9/f9.txt") && e.deleted()));
        assertTrue(changed.stream().anyMatch(e -> e.path().equals("d0/e0/f0.txt") && !e.deleted()));
        long last = index.location(root).orElseThrow().sequence();
        await(root, () -> reported.stream().mapToLong(IndexChange::last).max().orElse(0) == last);
        assertTrue(reported.stream().allMatch(c -> c.root().equals(root)));
    }

    /**
     * Stops the index bundle (its component shuts down, the database stays), changes the tree,
     * starts it again: the start-up scan finds what changed while it was down. Before it ends, the
     * test waits until the services and commands that went down with the index are back, so the
     * tests after it, in any order, find the container as it was.
     */
    @Test
    public void restartOfTheIndexFindsChangesMadeWhileItWasDown() throws Exception {
        Path root = newDirectory("restart");
        write(root.resolve("kept.txt"), "kept");
        write(root.resolve("changed.txt"), "before");
        write(root.resolve("deleted.txt"), "deleted");
        index.register(root);
        settle(root);
        long seq = index.location(root).orElseThrow().sequence();

        Bundle bundle = Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.filesync.index"))
                .findFirst()
                .orElseThrow();
        bundle.stop();
        Files.writeString(root.resolve("changed.txt"), "after, longer");
        Files.delete(root.resolve("deleted.txt"));
        write(root.resolve("created.txt"), "created");
        bundle.start();

        FileIndex restarted = awaitService(FileIndex.class);
        index = restarted; // for forgetLocations()
        try {
            assertTrue(restarted.location(root).isPresent());
            IndexStatus st = restarted.awaitSettled(root, DEADLINE);
            assertTrue(st.describe(), st.settled());
            assertTrue(restarted.entry(root, "deleted.txt").orElseThrow().deleted());
            assertEquals(
                    sha256("after, longer".getBytes(StandardCharsets.UTF_8)),
                    restarted.entry(root, "changed.txt").orElseThrow().hash().orElseThrow());
            assertTrue(restarted.entry(root, "created.txt").isPresent());
            IndexEntry kept = restarted.entry(root, "kept.txt").orElseThrow();
            assertTrue("unchanged entries keep their sequence number", kept.sequence() <= seq);
            try (Stream<IndexEntry> s = restarted.changesSince(root, "", seq)) {
                assertEquals(
                        List.of("changed.txt", "created.txt", "deleted.txt"),
                        s.map(IndexEntry::path)
                                .filter(p -> !p.isEmpty())
                                .sorted()
                                .toList());
            }
        } finally {
            awaitTheServicesThatWentDownWithTheIndex();
        }
    }

    @Test
    public void theShellListsLocationsAndRescans() throws Exception {
        Path root = newDirectory("shell");
        write(root.resolve("a.txt"), "a");
        index.register(root);
        settle(root);
        String list = executeOk("filesync:location-list --no-format");
        assertTrue(list, list.contains(root.toString()));
        assertTrue(list, list.contains("settled"));

        write(root.resolve("b.txt"), "b");
        String out = executeOk("filesync:rescan " + root);
        assertTrue(out, out.startsWith("Rescanned " + root));
        assertTrue(index.entry(root, "b.txt").isPresent());

        CommandResult bad = execute("filesync:rescan /no/such/location");
        assertNotNull(bad.error());
        assertTrue(bad.errorMessage(), bad.errorMessage().contains("not inside an indexed location"));
        assertFalse(bad.errorMessage().contains("\n"));
    }

    @Test
    public void creatingAConduitIndexesBothEnds() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("x/y.txt"), "y");
        Conduit conduit = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));
        Path realSource = conduit.source();
        assertTrue(index.location(realSource).isPresent());
        assertTrue(index.location(conduit.target()).isPresent());
        settle(realSource);
        assertTrue(hashIs(realSource, "x/y.txt", "y"));
    }

    // ------------------------------------------------------------------ helpers

    /** The services and commands that a restart of the index bundle took down are back. */
    private void awaitTheServicesThatWentDownWithTheIndex() throws InterruptedException {
        fileSync = awaitService(org.filesync.api.FileSyncService.class); // for cleanUp()
        awaitCondition(
                "the index's shell commands to be back",
                () -> execute("filesync:location-list --no-format").error() == null);
    }

    private <S> S awaitService(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            S service = tracker.waitForService(SERVICE_TIMEOUT_MILLIS);
            assertNotNull(type.getSimpleName() + " is back", service);
            return service;
        } finally {
            tracker.close();
        }
    }

    /** Few thousand files in nested directories, plus every awkward kind of entry. */
    private static int buildTree(Path root) throws IOException {
        int files = 0;
        for (int d = 0; d < 6; d++) {
            for (int e = 0; e < 10; e++) {
                for (int f = 0; f < 10; f++) {
                    Path dir = root.resolve("d" + d).resolve("e" + e);
                    write(dir.resolve("f" + f + ".txt"), "content of d" + d + "/e" + e + "/f" + f);
                    files++;
                }
                // depth: d/e/g1/g2/g3 with files at each level
                Path deep = root.resolve("d" + d).resolve("e" + e).resolve("g1/g2/g3");
                for (int f = 0; f < 40; f++) {
                    write(deep.resolve("h" + f), "deep " + d + e + f);
                    files++;
                }
            }
        }
        Files.createDirectories(root.resolve("empty/also-empty"));
        Files.createSymbolicLink(root.resolve("link-to-file"), Path.of("d0/e0/f0.txt"));
        Files.createSymbolicLink(root.resolve("link-to-dir"), Path.of("d1"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("no/such/thing"));
        write(root.resolve("uni é 日本 \uD83D\uDE00.txt"), "unicode");
        write(root.resolve("new\nline.txt"), "newline");
        write(root.resolve("tab\tand trailing "), "blank");
        write(root.resolve("unreadable.txt"), "secret");
        Files.setPosixFilePermissions(root.resolve("unreadable.txt"), PosixFilePermissions.fromString("---------"));
        write(root.resolve("unreadable-dir/inside.txt"), "inside");
        Files.setPosixFilePermissions(root.resolve("unreadable-dir"), PosixFilePermissions.fromString("---------"));
        write(root.resolve(".filesync/tmp/x"), "never indexed");
        write(root.resolve("d0/.filesync/trash/y"), "never indexed");
        return files + 6;
    }

    private void settle(Path root) throws InterruptedException {
        IndexStatus st = index.awaitSettled(root, DEADLINE);
        assertTrue(st.describe(), st.settled());
    }

    /** Waits on the change feed until the condition holds, then until the location is settled. */
    private void await(Path root, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the watcher did not reflect the change within " + DEADLINE);
            }
            changes.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
        }
        settle(root);
    }

    private boolean live(Path root, String rel) {
        return index.entry(root, rel).map(e -> !e.deleted()).orElse(false);
    }

    private boolean tombstone(Path root, String rel) {
        return index.entry(root, rel).map(IndexEntry::deleted).orElse(false);
    }

    private boolean hashIs(Path root, String rel, String content) {
        Optional<String> hash = index.entry(root, rel).filter(e -> !e.deleted()).flatMap(IndexEntry::hash);
        return hash.map(h -> h.equals(sha256(content.getBytes(StandardCharsets.UTF_8))))
                .orElse(false);
    }

    /** Every entry's fields equal what the filesystem says, and entries come in path order. */
    private void assertIndexed(Path root) throws IOException {
        List<IndexEntry> entries;
        try (Stream<IndexEntry> s = index.entries(root, "")) {
            entries = s.toList();
        }
        List<String> order = entries.stream().map(IndexEntry::path).toList();
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals("entries in path order", sorted, order);
        Map<String, String> actual = new TreeMap<>();
        for (IndexEntry e : entries) {
            actual.put(e.path(), describe(e));
        }
        Map<String, String> expected = expected(root);
        if (!expected.equals(actual)) {
            for (String k : expected.keySet()) {
                if (!expected.get(k).equals(actual.get(k))) {
                    throw new AssertionError(
                            "entry '" + k + "': expected " + expected.get(k) + " but indexed " + actual.get(k));
                }
            }
            assertEquals(expected.keySet(), actual.keySet());
        }
    }

    private static Map<String, String> expected(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> paths = new ArrayList<>();
        collect(root, paths);
        for (Path p : paths) {
            out.put(root.relativize(p).toString(), describe(p));
        }
        return out;
    }

    private static void collect(Path dir, List<Path> out) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.toList();
        } catch (java.nio.file.AccessDeniedException e) {
            return; // the index keeps the directory with an error and nothing below it
        }
        for (Path c : children) {
            if (c.getFileName().toString().equals(".filesync")) {
                continue;
            }
            out.add(c);
            if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
                collect(c, out);
            }
        }
    }

    private static String describe(Path p) throws IOException {
        Map<String, Object> a =
                Files.readAttributes(p, "unix:mode,ino,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        EntryKind kind = Files.isSymbolicLink(p)
                ? EntryKind.SYMLINK
                : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        ? EntryKind.DIRECTORY
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? EntryKind.FILE : EntryKind.OTHER;
        long size = kind == EntryKind.DIRECTORY ? 0 : (Long) a.get("size");
        String target = kind == EntryKind.SYMLINK ? Files.readSymbolicLink(p).toString() : null;
        String hash = null;
        String error = null;
        if (kind == EntryKind.FILE) {
            try {
                hash = sha256(Files.readAllBytes(p));
            } catch (java.nio.file.AccessDeniedException e) {
                error = "permission denied"; // not as root, who reads everything
            }
        }
        if (kind == EntryKind.DIRECTORY && !Files.isReadable(p)) {
            error = "permission denied";
        }
        long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
        return line(kind, size, mtime, ((Integer) a.get("mode")) & 07777, target, (Long) a.get("ino"), hash, error);
    }

    private static String describe(IndexEntry e) {
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
}
