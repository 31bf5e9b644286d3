package org.filesync.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.SyncRefusedException;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Faults of the world during a mirror run (docs/guarantees.md), with real files: the source taken away
 * while its files are being copied, and a target filesystem that fills up. In each case the run
 * fails cleanly with per-path errors, deletes nothing, leaves no temp file and no partial file,
 * and damages nothing already in the target.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SafetyFaultsIT extends FileSyncTestSupport {

    /** tmpfs mounts this test made; unmounted after it. */
    private final List<Path> mounts = new ArrayList<>();

    @Test
    public void aSourceTakenAwayMidRunFailsCleanlyIsRefusedWhileMissingAndConvergesOnceBack() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Path away = newDirectory("away");
        Map<String, byte[]> sourceFiles = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            sourceFiles.put("f" + i + ".bin", randomBytes(400_000, i));
        }
        sourceFiles.put("zz-replace.txt", "the source's version".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> file : sourceFiles.entrySet()) {
            Files.write(source.resolve(file.getKey()), file.getValue());
        }
        // What the target holds before: an extraneous file a successful run would delete, and a file
        // the run would replace (it comes last, after the source has gone).
        Files.writeString(target.resolve("extra.txt"), "extra, deleted only by a successful run");
        Files.writeString(target.resolve("zz-replace.txt"), "the target's version");
        Map<String, byte[]> targetBefore = contents(target);
        // 2.4 MB at 400 kB/s, one file at a time: the run copies for about six seconds.
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults()
                        .withMaxDeletePercent(100)
                        .withParallelTransfers(1)
                        .withBandwidthLimit(400_000)));

        CompletableFuture<CommandResult> shell =
                CompletableFuture.supplyAsync(() -> execute("filesync:sync --wait " + conduit.id()));
        awaitCopyUnderWay(conduit);
        // Taken away as an unmounted disk or a renamed folder would be: the source path is gone.
        Files.move(source, away.resolve("src"));
        CommandResult result = shell.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        // The user sees one line naming the problem, and no stack trace.
        assertNotNull(result.output(), result.error());
        String message = result.errorMessage();
        assertFalse(message, message.contains("\n"));
        assertTrue(message, message.startsWith("Generation 1 of conduit " + conduit.id() + " failed: "));
        assertTrue(message, message.contains("source-vanished") && message.contains("the source disappeared"));
        assertFalse(
                result.output(),
                result.output().contains("Exception") || result.output().contains("\tat "));

        // The generation failed with an error for each path it could not copy; a file copied whole
        // before the source went (a run slowed down a lot by a loaded machine) may have landed.
        Generation failed = fileSync.history(conduit.id()).get(0);
        assertEquals(Generation.Phase.FAILED, failed.phase());
        assertEquals(0, failed.filesDeleted());
        Map<String, byte[]> after = contents(target);
        for (Map.Entry<String, byte[]> file : sourceFiles.entrySet()) {
            String path = target.resolve(file.getKey()).toString();
            if (after.containsKey(file.getKey()) && !targetBefore.containsKey(file.getKey())) {
                assertArrayEquals(path + " is not a whole copy", file.getValue(), after.get(file.getKey()));
            } else {
                assertTrue(
                        path + " in " + failed.errors(),
                        failed.errors().stream()
                                .anyMatch(
                                        error -> error.startsWith(path + ": source-vanished (the source disappeared")));
            }
        }
        // Nothing deleted, replaced, half-written or left behind: what was in the target is as it was.
        assertEquals(
                List.of(".filesync", "extra.txt"),
                namesIn(target).stream()
                        .filter(name -> !name.startsWith("f"))
                        .filter(name -> !name.equals("zz-replace.txt"))
                        .toList());
        for (Map.Entry<String, byte[]> file : targetBefore.entrySet()) {
            assertArrayEquals(file.getKey(), file.getValue(), Files.readAllBytes(target.resolve(file.getKey())));
        }
        assertEquals(List.of(), leftoverTemps(target));
        assertFalse(Files.exists(target.resolve(".filesync/trash")));
        assertTrue(fileSync.activeRuns().isEmpty());
        String history = executeOk("filesync:history --no-format " + conduit.id());
        assertTrue(history, history.contains("failed") && history.contains("source-vanished"));

        // A missing source is never "empty": the next sync is refused, and changes nothing.
        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("Source " + source + " is missing"));
        CommandResult again = execute("filesync:sync --wait " + conduit.id());
        assertNotNull(again.output(), again.error());
        assertFalse(again.errorMessage(), again.errorMessage().contains("\n"));
        assertTrue(again.errorMessage(), again.errorMessage().contains("is missing"));
        assertTrue(again.errorMessage(), again.errorMessage().contains("never treated as empty"));
        assertEquals("", again.output());
        assertEquals(1, fileSync.history(conduit.id()).size());
        assertEquals(after.keySet(), contents(target).keySet());
        assertEquals("the target's version", Files.readString(target.resolve("zz-replace.txt")));

        // The source back in place (the disk mounted again): the next run converges.
        Files.move(away.resolve("src"), source);
        Generation back = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
        assertEquals(back.errors().toString(), Generation.Phase.COMPLETED, back.phase());
        assertEquals(Generation.VERIFIED, back.verification());
        assertEquals(sourceFiles.keySet(), contents(target).keySet());
        for (Map.Entry<String, byte[]> file : sourceFiles.entrySet()) {
            assertArrayEquals(file.getKey(), file.getValue(), Files.readAllBytes(target.resolve(file.getKey())));
        }
        Path trash = target.resolve(".filesync/trash/" + back.number());
        assertEquals("extra, deleted only by a successful run", Files.readString(trash.resolve("extra.txt")));
        assertEquals("the target's version", Files.readString(trash.resolve("zz-replace.txt")));
    }

    @Test
    public void aFullTargetDiskFailsTheRunCleanlyAndTheRunAfterFreeingSpaceConvergesVerified() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        mountTmpfs(target, "2m");
        Instant mtime = Instant.parse("2024-01-01T00:00:00Z");
        writeAt(source.resolve("keep.txt"), "the same on both sides", mtime);
        writeAt(target.resolve("keep.txt"), "the same on both sides", mtime);
        Files.writeString(target.resolve("extra.txt"), "extra, deleted only by a successful run");
        Files.writeString(target.resolve("replace.bin"), "the target's version");
        // 4.5 MiB of new content for a 2 MiB filesystem; one file at a time, in name order
        Map<String, byte[]> big = new LinkedHashMap<>();
        big.put("big-1.bin", randomBytes(1536 * 1024, 21));
        big.put("big-2.bin", randomBytes(1536 * 1024, 22));
        big.put("replace.bin", randomBytes(1536 * 1024, 23));
        for (Map.Entry<String, byte[]> file : big.entrySet()) {
            Files.write(source.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(source.resolve("small.txt"), "small");
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults().withMaxDeletePercent(100).withParallelTransfers(1)));

        CommandResult shell = execute("filesync:sync --wait " + conduit.id());

        assertNotNull(shell.output(), shell.error());
        assertFalse(shell.errorMessage(), shell.errorMessage().contains("\n"));
        assertTrue(shell.errorMessage(), shell.errorMessage().contains(": disk-full (No space left on device)"));
        assertFalse(
                shell.output(),
                shell.output().contains("Exception") || shell.output().contains("\tat "));
        Generation failed = fileSync.history(conduit.id()).get(0);
        assertEquals(failed.errors().toString(), Generation.Phase.FAILED, failed.phase());
        assertTrue(
                failed.errors().toString(),
                failed.errors().stream()
                        .anyMatch(error -> error.startsWith(target.toString())
                                && error.contains(": disk-full (")
                                && error.contains("No space left on device")));
        assertEquals(0, failed.filesDeleted());
        assertEquals(
                Generation.Phase.FAILED, fileSync.history(conduit.id()).get(0).phase());
        assertTrue(fileSync.getConduit(conduit.id()).orElseThrow().lastError().isPresent());
        // What was in place is intact, nothing was deleted, no temp file is left, and a copy is under
        // its final name only if it is complete.
        assertEquals("the same on both sides", Files.readString(target.resolve("keep.txt")));
        assertEquals("extra, deleted only by a successful run", Files.readString(target.resolve("extra.txt")));
        assertEquals(List.of(), leftoverTemps(target));
        assertFalse(Files.exists(target.resolve(".filesync/trash")));
        int landed = 0;
        for (Map.Entry<String, byte[]> file : big.entrySet()) {
            Path copy = target.resolve(file.getKey());
            if (Files.exists(copy) && !file.getKey().equals("replace.bin")) {
                assertArrayEquals(file.getKey(), file.getValue(), Files.readAllBytes(copy));
                landed++;
            }
        }
        assertTrue("both big files fit in 2 MiB", landed < 2);
        byte[] replaced = Files.readAllBytes(target.resolve("replace.bin"));
        assertTrue(
                "replace.bin is neither its old version nor a complete copy",
                Arrays.equals(replaced, "the target's version".getBytes(StandardCharsets.UTF_8))
                        || Arrays.equals(replaced, big.get("replace.bin")));

        // Space freed: the next run converges, deletes what the first one kept, and verifies.
        run("mount", "-o", "remount,size=16m", target.toString());
        Generation second = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);

        assertEquals(second.errors().toString(), Generation.Phase.COMPLETED, second.phase());
        assertEquals(Generation.VERIFIED, second.verification());
        assertEquals(
                List.of(".filesync", "big-1.bin", "big-2.bin", "keep.txt", "replace.bin", "small.txt"),
                namesIn(target));
        for (Map.Entry<String, byte[]> file : big.entrySet()) {
            assertArrayEquals(file.getKey(), file.getValue(), Files.readAllBytes(target.resolve(file.getKey())));
        }
        assertEquals("small", Files.readString(target.resolve("small.txt")));
        assertEquals(
                "extra, deleted only by a successful run",
                Files.readString(target.resolve(".filesync/trash/" + second.number() + "/extra.txt")));
        assertEquals(List.of(), leftoverTemps(target));
        assertTrue(fileSync.dryRun(conduit.id()).isEmpty());
    }

    @Test
    public void aTargetDiskAlreadyFullFailsEveryCopyKeepsWhatIsThereAndConvergesOnceTheBlockerIsRemoved()
            throws Exception {
        Path source = newDirectory("src");
        Path disk = newDirectory("disk");
        mountTmpfs(disk, "1m");
        Path target = Files.createDirectories(disk.resolve("dst"));
        Files.writeString(target.resolve("replace.txt"), "the target's version");
        Files.writeString(target.resolve("extra.txt"), "extra, deleted only by a successful run");
        Files.writeString(source.resolve("replace.txt"), "the source's version, a little longer");
        Files.write(Files.createDirectories(source.resolve("sub")).resolve("new.bin"), randomBytes(100_000, 31));
        Files.writeString(source.resolve("new.txt"), "new");
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(), target.toString(), ConduitOptions.defaults().withMaxDeletePercent(100)));
        // Something else fills the disk up: not one more block can be written.
        Path blocker = disk.resolve("blocker");
        fillUp(blocker);

        Generation failed = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);

        assertEquals(failed.errors().toString(), Generation.Phase.FAILED, failed.phase());
        for (String name : List.of("replace.txt", "sub/new.bin", "new.txt")) {
            String path = target.resolve(name).toString();
            assertTrue(
                    path + " in " + failed.errors(),
                    failed.errors().stream()
                            .anyMatch(error -> error.startsWith(path + ": disk-full (")
                                    && error.contains("No space left on device")));
        }
        assertEquals(0, failed.filesDeleted());
        assertEquals("the target's version", Files.readString(target.resolve("replace.txt")));
        assertEquals("extra, deleted only by a successful run", Files.readString(target.resolve("extra.txt")));
        assertFalse(Files.exists(target.resolve("new.txt")));
        assertFalse(Files.exists(target.resolve("sub/new.bin")));
        assertEquals(List.of(), leftoverTemps(target));
        assertFalse(Files.exists(target.resolve(".filesync/trash")));

        Files.delete(blocker);
        Generation second = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);

        assertEquals(second.errors().toString(), Generation.Phase.COMPLETED, second.phase());
        assertEquals(Generation.VERIFIED, second.verification());
        assertEquals(contents(source).keySet(), contents(target).keySet());
        for (Map.Entry<String, byte[]> file : contents(source).entrySet()) {
            assertArrayEquals(file.getKey(), file.getValue(), Files.readAllBytes(target.resolve(file.getKey())));
        }
        Path trash = target.resolve(".filesync/trash/" + second.number());
        assertEquals("the target's version", Files.readString(trash.resolve("replace.txt")));
        assertEquals("extra, deleted only by a successful run", Files.readString(trash.resolve("extra.txt")));
        assertEquals(List.of(), leftoverTemps(target));
    }

    @Test
    public void aSourceDeletedMidRunFailsItsPathsDeletesNothingAndIsThenRefusedAsMissing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (int i = 0; i < 4; i++) {
            Files.write(Files.createDirectories(source.resolve("d" + i)).resolve("f.bin"), randomBytes(300_000, i));
        }
        Files.writeString(target.resolve("extra.txt"), "extra, deleted only by a successful run");
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults()
                        .withMaxDeletePercent(100)
                        .withParallelTransfers(2)
                        .withBandwidthLimit(400_000)));

        var run = fileSync.syncNow(conduit.id(), false);
        awaitCondition("the copies to be under way", () -> run.progress().bytesDone() > 0);
        deleteTree(source);
        Generation failed = run.await(RUN_TIMEOUT);

        assertEquals(Generation.Phase.FAILED, failed.phase());
        assertEquals(0, failed.filesDeleted());
        assertTrue(
                failed.errors().toString(),
                failed.errors().stream().anyMatch(error -> error.contains(": source-vanished (")));
        assertEquals("extra, deleted only by a successful run", Files.readString(target.resolve("extra.txt")));
        // whatever landed is a complete copy; nothing else is there
        for (Map.Entry<String, byte[]> file : contents(target).entrySet()) {
            if (!file.getKey().equals("extra.txt")) {
                int seed = file.getKey().charAt(1) - '0';
                assertArrayEquals(file.getKey(), randomBytes(300_000, seed), file.getValue());
            }
        }
        assertEquals(List.of(), leftoverTemps(target));
        assertFalse(Files.exists(target.resolve(".filesync/trash")));

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("is missing"));
        assertEquals("extra, deleted only by a successful run", Files.readString(target.resolve("extra.txt")));
        assertEquals(1, fileSync.history(conduit.id()).size());
    }

    /** Unmounts what the test mounted, after deleting its conduits (the base class's clean-up runs next). */
    @After
    public void unmount() throws Exception {
        if (mounts.isEmpty()) {
            return;
        }
        for (Conduit conduit : fileSync.listConduits()) {
            try {
                fileSync.deleteConduit(conduit.id());
            } catch (RuntimeException e) {
                // still syncing: the lazy unmount below copes
            }
        }
        for (Path mount : mounts) {
            if (run("umount", mount.toString()) != 0) {
                run("umount", "-l", mount.toString());
            }
        }
        mounts.clear();
    }

    /** Mounts a tmpfs of the given size on a directory, or skips the test where that is not allowed. */
    private void mountTmpfs(Path directory, String size) throws IOException, InterruptedException {
        int rc = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString());
        assumeTrue(
                "cannot mount a tmpfs on " + directory + " (the test needs root, or CAP_SYS_ADMIN in a container)",
                rc == 0);
        mounts.add(directory);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** Writes zeros to a file until its filesystem is full. */
    private static void fillUp(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw e;
            }
        }
        // what a partial chunk left room for, byte by byte
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw e;
            }
        }
    }

    private static void writeAt(Path file, String content, Instant mtime) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }
}
