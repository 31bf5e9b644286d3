package org.filesync.transfer.internal;

import static org.filesync.transfer.internal.TransferTestSupport.temps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a JVM in the middle of copying a large file over an existing target: the old
 * target must be intact under its name, and the next start's cleanup must leave no temp file; and
 * in the middle of building a new directory: no part of it may be under its name, and the cleanup
 * removes its staging directory. The
 * file size is {@code -Dfilesync.killtest.mb} (48 in the build, 300 from scripts/kill-mid-copy.sh).
 */
class KillMidCopyTest {

    @TempDir
    Path dir;

    @Test
    void killMidCopyLeavesTheOldTargetIntactAndNoTempAfterCleanup() throws Exception {
        long mb = Long.getLong("filesync.killtest.mb", 48);
        Path src = Files.createDirectories(dir.resolve("src"));
        Path dst = Files.createDirectories(dir.resolve("dst"));
        Path source = src.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 7);
            for (long i = 0; i < mb; i++) {
                f.write(block);
            }
        }
        Path target = dst.resolve("big.bin");
        Files.writeString(target, "the old version");

        // about 4 s of copying at this rate: the kill lands mid-copy
        long bandwidth = Math.max(1, mb / 4) << 20;
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillMidCopyChild.class.getName(),
                        dst.toString(),
                        source.toString(),
                        target.toString(),
                        Long.toString(bandwidth))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("COPYING", line, "the child did not start copying");
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        assertEquals("the old version", Files.readString(target), "old target intact under its name");
        List<Path> leftovers = temps(dst);
        assertTrue(leftovers.size() <= 1, "at most the one partial temp: " + leftovers);

        // the next start cleans the endpoint
        var report = TransferServiceImpl.clean(dst, new ActiveTemps(), List.of());
        assertEquals(leftovers.size(), report.tempFilesRemoved());
        assertEquals(List.of(), temps(dst));
        assertEquals("the old version", Files.readString(target));
    }

    @Test
    void killWhileANewDirectoryIsBuiltLeavesNoDirectoryAndNoStagingAfterCleanup() throws Exception {
        long mb = Long.getLong("filesync.killtest.mb", 48);
        Path src = Files.createDirectories(dir.resolve("src"));
        Path dst = Files.createDirectories(dir.resolve("dst"));
        Path tree = Files.createDirectories(src.resolve("new/sub"));
        Files.writeString(tree.getParent().resolve("small.txt"), "written first");
        try (RandomAccessFile f = new RandomAccessFile(tree.resolve("big.bin").toFile(), "rw")) {
            f.setLength(mb << 20);
        }
        Path target = dst.resolve("new");

        long bandwidth = Math.max(1, mb / 4) << 20;
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillMidCopyChild.class.getName(),
                        dst.toString(),
                        tree.getParent().toString(),
                        target.toString(),
                        Long.toString(bandwidth))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("COPYING", out.readLine(), "the child did not start copying");
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        assertTrue(Files.notExists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS), "no part of the new directory");
        assertEquals(1, temps(dst).size(), "the staging directory: " + temps(dst));
        var report = TransferServiceImpl.clean(dst, new ActiveTemps(), List.of());
        assertEquals(1, report.tempFilesRemoved());
        assertEquals(List.of(), temps(dst));
    }
}
