package org.filesync.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.filesync.transfer.CopyItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFlushTest {

    private static final String JOB = "0123456789abcdef";

    @TempDir
    Path dir;

    private CopyWork staged() throws IOException {
        CopyWork w = new CopyWork(CopyItem.toNew(dir.resolve("src.txt"), dir.resolve("f.txt")));
        w.temp = Files.writeString(dir.resolve("1.tmp"), "staged");
        return w;
    }

    @Test
    void fsyncPerFileFlushesEachFileAndLeavesTheBatchAsItIs() throws Exception {
        CopyWork w = staged();
        try (DurableFlush flush = new DurableFlush(Durability.FSYNC_PER_FILE, Optional.empty(), dir, JOB)) {
            assertTrue(flush.fsyncEachFile());
            DurableFlush.await(flush.flushTemps(List.of(w)));
        }
        assertTrue(w.pending());
    }

    @Test
    void fsyncPerFileFlushesTheFoldersTheJobTouchedAtTheEnd() throws Exception {
        try (DurableFlush flush = new DurableFlush(Durability.FSYNC_PER_FILE, Optional.empty(), dir, JOB)) {
            flush.touched(dir);
            flush.flushRenames();
            flush.touched(dir.resolve("removed meanwhile"));
            assertThrows(IOException.class, flush::flushRenames);
        }
    }

    @Test
    void aBatchedSyncfsFlushesTheTempsAndTheRenames() throws Exception {
        Optional<NativeFs> nativeFs = NativeFs.load();
        org.junit.jupiter.api.Assumptions.assumeTrue(nativeFs.isPresent(), "syncfs needs the native calls");
        CopyWork w = staged();
        try (DurableFlush flush = new DurableFlush(Durability.SYNCFS_BATCH, nativeFs, dir, JOB)) {
            assertFalse(flush.fsyncEachFile());
            DurableFlush.await(flush.flushTemps(List.of(w)));
            flush.flushRenames();
        }
        assertTrue(w.pending(), "a successful flush leaves the item to its rename");
    }
}
