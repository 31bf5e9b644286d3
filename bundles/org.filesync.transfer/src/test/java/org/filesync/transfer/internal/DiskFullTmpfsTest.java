package org.filesync.transfer.internal;

import static org.filesync.transfer.internal.TransferTestSupport.copyJob;
import static org.filesync.transfer.internal.TransferTestSupport.stateOf;
import static org.filesync.transfer.internal.TransferTestSupport.temps;
import static org.filesync.transfer.internal.TransferTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.TransferOptions;
import org.filesync.transfer.TransferReasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 2 MiB tmpfs mounted by the test (needs root, as on the project's machines and
 * CI; elsewhere the injected-IOException test in {@link CopyJobTest} covers the same path).
 */
class DiskFullTmpfsTest {

    @TempDir
    Path dir;

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void aFullFilesystemFailsTheJobCleanlyAndKeepsWhatIsInPlace() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        int rc = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString());
        assumeTrue(rc == 0, "cannot mount a tmpfs here (not root?)");
        try {
            Path src = Files.createDirectories(dir.resolve("src"));
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            Path big = src.resolve("big.bin");
            Files.write(big, new byte[3 << 20]);
            write(src.resolve("small.txt"), "small", t);
            write(src.resolve("old.txt"), "replacement", t);
            Path old = write(mnt.resolve("old.txt"), "precious old version", t);

            JobResult r = copyJob(
                            List.of(
                                    CopyItem.toNew(src.resolve("small.txt"), mnt.resolve("small.txt")),
                                    CopyItem.toNew(big, mnt.resolve("big.bin")),
                                    CopyItem.replacing(src.resolve("old.txt"), old, stateOf(old))),
                            TransferOptions.of(mnt, "1").withParallel(1))
                    .run(new DirectContext());

            assertTrue(r.hasErrors());
            assertEquals(
                    TransferReasons.DISK_FULL,
                    r.errors().get(0).reason(),
                    r.errors().toString());
            assertTrue(Files.notExists(mnt.resolve("big.bin")));
            String oldNow = Files.readString(old);
            assertTrue(oldNow.equals("precious old version") || oldNow.equals("replacement"), oldNow);
            assertEquals("small", Files.readString(mnt.resolve("small.txt")));
            assertEquals(List.of(), temps(mnt));
        } finally {
            run("umount", mnt.toString());
        }
    }
}
