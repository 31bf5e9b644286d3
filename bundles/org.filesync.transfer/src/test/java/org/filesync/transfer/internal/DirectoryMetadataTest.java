package org.filesync.transfer.internal;

import static org.filesync.transfer.internal.TransferTestSupport.T1;
import static org.filesync.transfer.internal.TransferTestSupport.T2;
import static org.filesync.transfer.internal.TransferTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.TransferReasons;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryMetadataTest {

    @TempDir
    Path dir;

    Path src;
    Path dst;
    SafeDirs dirs;
    DirectoryMetadata directories;

    @BeforeEach
    void trees() throws Exception {
        src = Files.createDirectories(dir.resolve("src"));
        dst = Files.createDirectories(dir.resolve("dst"));
        dirs = new SafeDirs(dst);
        directories = new DirectoryMetadata(dirs, new EntryMetadata(Optional.empty()));
    }

    private CopyWork inspected(CopyItem item) throws Exception {
        CopyWork w = new CopyWork(item);
        w.inspect(dirs);
        return w;
    }

    private void finish(List<CopyWork> planned) throws Exception {
        try (DurableFlush flush = new DurableFlush(Durability.NONE, Optional.empty(), dst, "0123456789abcdef")) {
            directories.finish(planned, new DirectContext(), flush);
        }
    }

    @Test
    void plannedDirectoriesAreCreatedAndGetTheirSourcesModeAndMtimeDeepestFirst() throws Exception {
        Path inner = Files.createDirectories(src.resolve("a/b"));
        Files.setPosixFilePermissions(inner, PosixFilePermissions.fromString("rwx------"));
        Files.setLastModifiedTime(inner, FileTime.from(T1));
        Files.setLastModifiedTime(src.resolve("a"), FileTime.from(T2));
        List<CopyWork> planned = List.of(
                inspected(CopyItem.toNew(src.resolve("a"), dst.resolve("a"))),
                inspected(CopyItem.toNew(inner, dst.resolve("a/b"))));

        planned.forEach(directories::create);
        finish(planned);

        assertTrue(planned.stream().allMatch(w -> w.outcome.done()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dst.resolve("a/b"))));
        assertEquals(T1, Files.getLastModifiedTime(dst.resolve("a/b")).toInstant());
        assertEquals(T2, Files.getLastModifiedTime(dst.resolve("a")).toInstant(), "not changed by creating a/b");
    }

    @Test
    void aFileWhereThePlanSawNothingFailsTheDirectoryAndIsKept() throws Exception {
        Files.createDirectories(src.resolve("d"));
        write(dst.resolve("d"), "a file now", T1);
        CopyWork w = inspected(CopyItem.toNew(src.resolve("d"), dst.resolve("d")));

        directories.create(w);

        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, w.outcome.reason());
        assertEquals("a file now", Files.readString(dst.resolve("d")));
    }

    @Test
    void anExistingFolderTheJobChangesGetsItsMtimeBack() throws Exception {
        Path kept = Files.createDirectories(dst.resolve("kept"));
        Files.setLastModifiedTime(kept, FileTime.from(T2));

        directories.beforeChangeIn(kept);
        write(kept.resolve("new.txt"), "written by the job", T1);
        finish(List.of());

        assertEquals(T2, Files.getLastModifiedTime(kept).toInstant());
    }
}
