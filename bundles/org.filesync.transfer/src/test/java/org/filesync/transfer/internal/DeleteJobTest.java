package org.filesync.transfer.internal;

import static org.filesync.transfer.internal.TransferTestSupport.STRATEGIES;
import static org.filesync.transfer.internal.TransferTestSupport.T1;
import static org.filesync.transfer.internal.TransferTestSupport.listing;
import static org.filesync.transfer.internal.TransferTestSupport.stateOf;
import static org.filesync.transfer.internal.TransferTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.DeleteItem;
import org.filesync.transfer.DeleteOptions;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferReasons;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteJobTest {

    @TempDir
    Path dir;

    Path ep;
    Path outside;

    @BeforeEach
    void trees() throws IOException {
        ep = Files.createDirectories(dir.resolve("ep"));
        outside = Files.createDirectories(dir.resolve("outside"));
        write(outside.resolve("precious.txt"), "keep", T1);
    }

    private JobResult delete(String strategy, List<DeleteItem> items) throws InterruptedException {
        return delete(STRATEGIES.get(strategy), new DeleteOptions(ep, strategy, "12"), items);
    }

    private static JobResult delete(DeleteStrategy strategy, DeleteOptions options, List<DeleteItem> items)
            throws InterruptedException {
        return new DeleteJob(new DeleteRequest(items, options), strategy).run(new DirectContext());
    }

    /** {@code dirs} folders of {@code files} files each under {@code ep/top}, all planned for deletion, folders included. */
    private List<DeleteItem> tree(int dirs, int files) throws IOException {
        List<DeleteItem> items = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            for (int f = 0; f < files; f++) {
                Path file = write(ep.resolve("top/d" + d + "/f" + f + ".txt"), d + "/" + f, T1);
                items.add(new DeleteItem(file, stateOf(file)));
            }
            items.add(new DeleteItem(ep.resolve("top/d" + d), stateOf(ep.resolve("top/d" + d))));
        }
        items.add(new DeleteItem(ep.resolve("top"), stateOf(ep.resolve("top"))));
        Collections.shuffle(items, new Random(7)); // the job orders them itself
        return items;
    }

    @Test
    void manyFilesInManyFoldersAreDeletedByParallelWorkersAtOnce() throws Exception {
        List<DeleteItem> items = tree(20, 25);
        // the first 4 removals wait for each other: the job passes only if 4 run at the same time
        CountDownLatch together = new CountDownLatch(4);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        DeleteStrategy permanent = STRATEGIES.get(DeleteStrategy.PERMANENT);
        DeleteStrategy waiting = new DeleteStrategy() {
            @Override
            public void remove(Path endpoint, Path entry, String generation) throws IOException {
                threads.add(Thread.currentThread());
                together.countDown();
                try {
                    if (!together.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("fewer than 4 removals ran at once");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                permanent.remove(endpoint, entry, generation);
            }

            @Override
            public void keepReplaced(Path endpoint, Path existing, String generation) {}
        };
        JobResult r = delete(waiting, new DeleteOptions(ep, DeleteStrategy.PERMANENT, "12", 4), items);
        assertEquals(List.of(), r.errors());
        assertEquals(items.size(), r.itemsSucceeded());
        assertEquals(List.of("/"), norm(listing(ep)));
        assertEquals(4, threads.size(), threads.toString());
        assertTrue(threads.stream().allMatch(t -> t.getName().startsWith("filesync-delete-")), threads.toString());
    }

    @Test
    void aFolderIsRemovedOnlyAfterEverythingUnderItThatTheJobDeletes() throws Exception {
        List<DeleteItem> items = tree(12, 10);
        List<Path> removed = Collections.synchronizedList(new ArrayList<>());
        DeleteStrategy trash = STRATEGIES.get(DeleteStrategy.TRASH);
        DeleteStrategy recording = new DeleteStrategy() {
            @Override
            public void remove(Path endpoint, Path entry, String generation) throws IOException {
                trash.remove(endpoint, entry, generation);
                removed.add(entry);
            }

            @Override
            public void keepReplaced(Path endpoint, Path existing, String generation) {}
        };
        JobResult r = delete(recording, new DeleteOptions(ep, DeleteStrategy.TRASH, "12", 4), items);
        assertEquals(List.of(), r.errors());
        assertEquals(items.size(), removed.size());
        for (int i = 0; i < removed.size(); i++) {
            for (Path later : removed.subList(i + 1, removed.size())) {
                assertFalse(
                        later.startsWith(removed.get(i)) && !later.equals(removed.get(i)),
                        later + " was removed after its folder " + removed.get(i));
            }
        }
    }

    @Test
    void aFileChangedSinceThePlanIsKeptAndReportedWhileTheOthersGoInParallel() throws Exception {
        List<DeleteItem> items = tree(10, 20);
        Path edited = write(ep.resolve("top/d3/f7.txt"), "edited after the plan", Instant.now());
        JobResult r = delete(
                STRATEGIES.get(DeleteStrategy.PERMANENT),
                new DeleteOptions(ep, DeleteStrategy.PERMANENT, "12", 4),
                items);
        // the file, and the two folders above it that still hold it
        assertEquals(
                List.of(
                        edited.toString(),
                        ep.resolve("top/d3").toString(),
                        ep.resolve("top").toString()),
                r.errors().stream()
                        .map(e -> e.item())
                        .sorted(Comparator.reverseOrder())
                        .toList());
        assertEquals(
                Set.of(TransferReasons.CHANGED_SINCE_PLAN, TransferReasons.NOT_EMPTY),
                r.errors().stream().map(e -> e.reason()).collect(Collectors.toSet()));
        assertEquals(items.size() - 3, r.itemsSucceeded());
        assertEquals(List.of("/", "top/", "top/d3/", "top/d3/f7.txt = edited after the plan"), norm(listing(ep)));
    }

    @Test
    void theTrashKeepsEveryFileOfAParallelDeleteInItsStructure() throws Exception {
        List<DeleteItem> items = tree(8, 15);
        JobResult r = delete(
                STRATEGIES.get(DeleteStrategy.TRASH), new DeleteOptions(ep, DeleteStrategy.TRASH, "12", 4), items);
        assertEquals(List.of(), r.errors());
        assertFalse(Files.exists(ep.resolve("top"), LinkOption.NOFOLLOW_LINKS));
        Path trash = Layout.trash(ep, "12");
        for (int d = 0; d < 8; d++) {
            for (int f = 0; f < 15; f++) {
                assertEquals(d + "/" + f, Files.readString(trash.resolve("top/d" + d + "/f" + f + ".txt")));
            }
        }
        try (Stream<Path> all = Files.walk(trash)) {
            assertEquals(8 * 15, all.filter(Files::isRegularFile).count(), "no file twice, none renamed");
        }
    }

    @Test
    void eachFolderKeptAfterAParallelDeleteGetsItsMtimeBack() throws Exception {
        List<DeleteItem> items = new ArrayList<>();
        FileTime before = FileTime.from(Instant.parse("2024-02-03T04:05:06.789Z"));
        for (int d = 0; d < 10; d++) {
            for (int f = 0; f < 20; f++) {
                Path file = write(ep.resolve("d" + d + "/f" + f + ".txt"), "x", T1);
                items.add(new DeleteItem(file, stateOf(file)));
            }
            write(ep.resolve("d" + d + "/stays.txt"), "y", T1);
            Files.setLastModifiedTime(ep.resolve("d" + d), before);
        }
        JobResult r = delete(
                STRATEGIES.get(DeleteStrategy.PERMANENT),
                new DeleteOptions(ep, DeleteStrategy.PERMANENT, "12", 4),
                items);
        assertEquals(List.of(), r.errors());
        for (int d = 0; d < 10; d++) {
            assertEquals(List.of("/", "stays.txt = y"), norm(listing(ep.resolve("d" + d))));
            assertEquals(before, Files.getLastModifiedTime(ep.resolve("d" + d)), "d" + d);
        }
    }

    @Test
    void trashKeepsTheStructureAndRemovesPlannedDirectories() throws Exception {
        write(ep.resolve("a/b/one.txt"), "1", T1);
        write(ep.resolve("a/two.txt"), "2", T1);
        Path link = Files.createSymbolicLink(ep.resolve("a/b/out"), outside);
        List<DeleteItem> items = List.of(
                new DeleteItem(ep.resolve("a"), stateOf(ep.resolve("a"))),
                new DeleteItem(ep.resolve("a/b"), stateOf(ep.resolve("a/b"))),
                new DeleteItem(ep.resolve("a/b/one.txt"), stateOf(ep.resolve("a/b/one.txt"))),
                new DeleteItem(ep.resolve("a/two.txt"), stateOf(ep.resolve("a/two.txt"))),
                new DeleteItem(link, stateOf(link)));
        JobResult r = delete(DeleteStrategy.TRASH, items);
        assertEquals(List.of(), r.errors());
        assertFalse(Files.exists(ep.resolve("a"), LinkOption.NOFOLLOW_LINKS));
        Path trash = Layout.trash(ep, "12");
        assertEquals("1", Files.readString(trash.resolve("a/b/one.txt")));
        assertEquals("2", Files.readString(trash.resolve("a/two.txt")));
        assertTrue(Files.isSymbolicLink(trash.resolve("a/b/out")), "the link is moved as a link");
        assertEquals(List.of("/", "precious.txt = keep"), norm(listing(outside)));
    }

    @Test
    void theFolderOfADeletedFileKeepsItsMtime() throws Exception {
        Path gone = write(ep.resolve("d/gone.txt"), "x", T1);
        write(ep.resolve("d/stays.txt"), "y", T1);
        FileTime before = FileTime.from(Instant.parse("2024-02-03T04:05:06.789Z"));
        Files.setLastModifiedTime(ep.resolve("d"), before);
        for (String strategy : List.of(DeleteStrategy.TRASH, DeleteStrategy.PERMANENT)) {
            Files.writeString(gone, "x");
            Files.setLastModifiedTime(ep.resolve("d"), before);
            JobResult r = delete(strategy, List.of(new DeleteItem(gone, stateOf(gone))));
            assertEquals(List.of(), r.errors(), strategy);
            assertFalse(Files.exists(gone), strategy);
            assertEquals(before, Files.getLastModifiedTime(ep.resolve("d")), strategy);
        }
    }

    @Test
    void permanentDeletesFilesAndLinksAsLinks() throws Exception {
        write(ep.resolve("f.txt"), "x", T1);
        Path link = Files.createSymbolicLink(ep.resolve("out"), outside);
        JobResult r = delete(
                DeleteStrategy.PERMANENT,
                List.of(
                        new DeleteItem(ep.resolve("f.txt"), stateOf(ep.resolve("f.txt"))),
                        new DeleteItem(link, stateOf(link))));
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("/"), norm(listing(ep)));
        assertEquals(List.of("/", "precious.txt = keep"), norm(listing(outside)));
    }

    @Test
    void directoryWithUnplannedContentAndChangedFilesAreKept() throws Exception {
        write(ep.resolve("d/planned.txt"), "p", T1);
        write(ep.resolve("d/new-by-user.txt"), "u", T1);
        Path edited = write(ep.resolve("e.txt"), "before", T1);
        var plannedEdited = stateOf(edited);
        write(edited, "after the plan", Instant.now());
        JobResult r = delete(
                DeleteStrategy.PERMANENT,
                List.of(
                        new DeleteItem(ep.resolve("d"), stateOf(ep.resolve("d"))),
                        new DeleteItem(ep.resolve("d/planned.txt"), stateOf(ep.resolve("d/planned.txt"))),
                        new DeleteItem(edited, plannedEdited)));
        assertEquals(1, r.itemsSucceeded());
        assertEquals(
                List.of(TransferReasons.NOT_EMPTY, TransferReasons.CHANGED_SINCE_PLAN),
                r.errors().stream().map(e -> e.reason()).toList());
        assertEquals("u", Files.readString(ep.resolve("d/new-by-user.txt")));
        assertEquals("after the plan", Files.readString(edited));
    }

    @Test
    void nothingIsDeletedThroughASymlinkedDirectoryOrOutsideTheEndpoint() throws Exception {
        Files.createSymbolicLink(ep.resolve("via"), outside);
        Path through = ep.resolve("via/precious.txt");
        JobResult r = delete(
                DeleteStrategy.PERMANENT,
                List.of(
                        new DeleteItem(through, stateOf(outside.resolve("precious.txt"))),
                        new DeleteItem(outside.resolve("precious.txt"), stateOf(outside.resolve("precious.txt")))));
        assertEquals(
                List.of(TransferReasons.SYMLINK_IN_PATH, TransferReasons.OUTSIDE_ENDPOINT),
                r.errors().stream().map(e -> e.reason()).toList());
        assertEquals("keep", Files.readString(outside.resolve("precious.txt")));
    }

    @Test
    void anEntryAlreadyGoneCountsAsDone() throws Exception {
        JobResult r = delete(
                DeleteStrategy.TRASH,
                List.of(new DeleteItem(ep.resolve("x/gone.txt"), TransferTestSupport.file(1, T1, Optional.empty()))));
        assertEquals(List.of(), r.errors());
    }

    @Test
    void cleanupRemovesStaleTempsSparesActiveOnesAndPurgesOldTrash() throws Exception {
        Path tmp = Files.createDirectories(Layout.tmp(ep));
        write(tmp.resolve("dead-job-1.tmp"), "partial", T1);
        write(tmp.resolve("live-job-1.tmp"), "writing", T1);
        Path oldGen = Files.createDirectories(Layout.trash(ep, "3"));
        write(oldGen.resolve("x.txt"), "old", T1);
        Files.setLastModifiedTime(oldGen, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        Path newGen = Files.createDirectories(Layout.trash(ep, "4"));

        ActiveTemps active = new ActiveTemps();
        active.add("live-job-");
        var report = TransferServiceImpl.clean(
                ep, active, List.of(new TrashDeleteStrategy(Duration.ofDays(30), Clock.systemUTC())));
        assertEquals(1, report.tempFilesRemoved());
        assertEquals(1, report.trashGenerationsPurged());
        assertFalse(Files.exists(tmp.resolve("dead-job-1.tmp")));
        assertTrue(Files.exists(tmp.resolve("live-job-1.tmp")));
        assertFalse(Files.exists(oldGen));
        assertTrue(Files.exists(newGen));
    }

    private static List<String> norm(List<String> l) {
        return l.stream().map(s -> s.isEmpty() ? "/" : s).toList();
    }
}
