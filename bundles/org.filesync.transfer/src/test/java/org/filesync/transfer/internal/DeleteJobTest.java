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
import java.util.List;
import java.util.Optional;
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

    private JobResult delete(String strategy, List<DeleteItem> items) {
        return new DeleteJob(new DeleteRequest(items, new DeleteOptions(ep, strategy, "12")), STRATEGIES.get(strategy))
                .run(new DirectContext());
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
    void anEntryAlreadyGoneCountsAsDone() {
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
