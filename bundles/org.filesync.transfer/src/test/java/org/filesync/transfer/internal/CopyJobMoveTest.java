package org.filesync.transfer.internal;

import static org.filesync.transfer.internal.TransferTestSupport.T1;
import static org.filesync.transfer.internal.TransferTestSupport.T2;
import static org.filesync.transfer.internal.TransferTestSupport.T3;
import static org.filesync.transfer.internal.TransferTestSupport.copyJob;
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
import java.util.List;
import java.util.Optional;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.Layout;
import org.filesync.transfer.MoveOrigin;
import org.filesync.transfer.TransferOptions;
import org.filesync.transfer.TransferReasons;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copy items that rename an entry of the target endpoint instead of copying it. */
class CopyJobMoveTest {

    @TempDir
    Path dir;

    Path src;
    Path dst;

    @BeforeEach
    void trees() throws IOException {
        src = Files.createDirectories(dir.resolve("src"));
        dst = Files.createDirectories(dir.resolve("dst"));
    }

    private JobResult run(CopyItem... items) throws InterruptedException {
        return copyJob(List.of(items), TransferOptions.of(dst, "7")).run(new DirectContext());
    }

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private CopyItem moving(String from, String to) throws IOException {
        return CopyItem.moving(
                src.resolve(to),
                dst.resolve(to),
                new MoveOrigin(dst.resolve(from), stateOf(dst.resolve(from))),
                Optional.empty());
    }

    @Test
    void aMovedFileIsRenamedWithoutWritingAByteAndTakesTheSourcesMtime() throws Exception {
        write(src.resolve("new.txt"), "content", T2);
        Path old = write(dst.resolve("old.txt"), "content", T1);
        Object inode = inode(old);
        Files.createDirectories(Layout.tmp(dst));
        Files.setLastModifiedTime(dst, FileTime.from(T3));

        JobResult result = run(moving("old.txt", "new.txt"));

        assertFalse(result.hasErrors(), result::toString);
        assertEquals(0, result.bytes());
        assertFalse(Files.exists(old));
        assertEquals("content", Files.readString(dst.resolve("new.txt")));
        assertEquals(inode, inode(dst.resolve("new.txt")));
        assertEquals(FileTime.from(T2), Files.getLastModifiedTime(dst.resolve("new.txt")));
        assertEquals(FileTime.from(T3), Files.getLastModifiedTime(dst), "the folder keeps its mtime");
    }

    @Test
    void aMovedDirectoryKeepsEveryInodeAndLandsInADirectoryTheJobCreates() throws Exception {
        write(src.resolve("archive/project/a"), "a", T1);
        write(src.resolve("archive/project/sub/b"), "b", T1);
        Files.setLastModifiedTime(src.resolve("archive/project"), FileTime.from(T2));
        write(dst.resolve("project/a"), "a", T1);
        Path b = write(dst.resolve("project/sub/b"), "b", T1);
        Object inode = inode(b);

        JobResult result = run(
                CopyItem.toNew(src.resolve("archive"), dst.resolve("archive")), moving("project", "archive/project"));

        assertFalse(result.hasErrors(), result::toString);
        assertEquals(0, result.bytes());
        assertFalse(Files.exists(dst.resolve("project")));
        assertEquals(inode, inode(dst.resolve("archive/project/sub/b")));
        assertEquals(FileTime.from(T2), Files.getLastModifiedTime(dst.resolve("archive/project")));
    }

    @Test
    void aMoveWhoseOldPathChangedSinceThePlanCopiesInsteadAndKeepsTheOldPath() throws Exception {
        write(src.resolve("new.txt"), "content", T1);
        Path old = write(dst.resolve("old.txt"), "content", T1);
        CopyItem item = moving("old.txt", "new.txt");
        write(old, "edited by the user", T2);

        JobResult result = run(item);

        assertFalse(result.hasErrors(), result::toString);
        assertEquals(7, result.bytes());
        assertEquals("content", Files.readString(dst.resolve("new.txt")));
        assertEquals("edited by the user", Files.readString(old), "left for the delete phase, which re-checks it");
    }

    @Test
    void aMoveWhoseNewNameIsTakenIsNotDoneAndReported() throws Exception {
        write(src.resolve("new.txt"), "content", T1);
        write(dst.resolve("old.txt"), "content", T1);
        CopyItem item = moving("old.txt", "new.txt");
        write(dst.resolve("new.txt"), "the user's own", T2);

        JobResult result = run(item);

        assertEquals(1, result.errors().size());
        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, result.errors().get(0).reason());
        assertEquals("the user's own", Files.readString(dst.resolve("new.txt")));
        assertEquals("content", Files.readString(dst.resolve("old.txt")));
    }

    @Test
    void aDirectoryMoveThatCannotBeDoneCopiesTheWholeSubtreeFromTheSource() throws Exception {
        write(src.resolve("pictures/p1"), "one", T1);
        write(src.resolve("pictures/deep/p2"), "two", T1);
        Files.createDirectories(dst.resolve("photos"));
        CopyItem item = moving("photos", "pictures");
        Files.delete(dst.resolve("photos")); // gone since the plan

        JobResult result = run(item);

        assertFalse(result.hasErrors(), result::toString);
        assertEquals(6, result.bytes());
        assertEquals("one", Files.readString(dst.resolve("pictures/p1")));
        assertEquals("two", Files.readString(dst.resolve("pictures/deep/p2")));
        assertTrue(Files.isDirectory(dst.resolve("pictures/deep")));
    }
}
