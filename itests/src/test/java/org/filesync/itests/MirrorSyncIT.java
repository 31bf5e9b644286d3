package org.filesync.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.api.SyncRefusedException;
import org.filesync.index.FileIndex;
import org.filesync.jobs.JobManager;
import org.filesync.jobs.JobStatus;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * Mirror mode end to end (docs/sync-modes.md, docs/guarantees.md) in the real container with real files: what
 * a mirror copies and deletes, the order of copies and deletes, and every refusal of a run.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MirrorSyncIT extends FileSyncTestSupport {

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected JobManager jobManager;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected FileIndex index;

    /** A short settle timeout, so that the unsettled-index refusal is quick to show. */
    @Override
    protected Option[] extraOptions() {
        return options(editConfigurationFilePut("etc/org.filesync.service.cfg", "settle.timeout.seconds", "3"));
    }

    @Test
    public void aMirrorCopiesContentsMtimesPermissionsSymlinksAndEmptyDirectories() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Path text = write(source.resolve("a.txt"), "hello mirror");
        Files.setPosixFilePermissions(text, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(text, FileTime.from(Instant.parse("2020-01-02T03:04:05.678Z")));
        Path binary = Files.createDirectories(source.resolve("nested/deep")).resolve("b.bin");
        Files.write(binary, randomBytes(200_000, 1));
        Files.createDirectories(source.resolve("empty"));
        Files.createSymbolicLink(source.resolve("link"), Path.of("a.txt"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("missing/nowhere"));

        Conduit conduit = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));
        Generation generation = sync(conduit);

        assertEquals(Generation.Phase.COMPLETED, generation.phase());
        assertEquals(2, generation.filesCopied());
        assertEquals(0, generation.filesDeleted());
        assertEquals(200_000 + "hello mirror".length(), generation.bytes());
        assertEquals("hello mirror", Files.readString(target.resolve("a.txt")));
        assertEquals(
                Files.getLastModifiedTime(text).toMillis(),
                Files.getLastModifiedTime(target.resolve("a.txt")).toMillis());
        assertEquals(
                PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(target.resolve("a.txt")));
        assertArrayEquals(Files.readAllBytes(binary), Files.readAllBytes(target.resolve("nested/deep/b.bin")));
        assertTrue(Files.isDirectory(target.resolve("empty")));
        assertEquals(0, namesIn(target.resolve("empty")).size());
        assertTrue(Files.isSymbolicLink(target.resolve("link")));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(target.resolve("link")));
        assertTrue(Files.isSymbolicLink(target.resolve("dangling")));
        assertEquals(Path.of("missing/nowhere"), Files.readSymbolicLink(target.resolve("dangling")));
        assertEquals(
                1, fileSync.getConduit(conduit.id()).orElseThrow().statistics().totalSyncs());
    }

    @Test
    public void aMirrorDeletesExtraneousEntriesIntoTheTrash() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("keep.txt"), "keep");
        write(target.resolve("keep.txt"), "keep");
        write(target.resolve("extra.txt"), "extra");
        write(Files.createDirectories(target.resolve("extra-dir/inner")).resolve("x.txt"), "x");
        Files.createSymbolicLink(target.resolve("extra-link"), Path.of("keep.txt"));

        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withMaxDeletePercent(100)));
        Generation generation = sync(conduit);

        assertEquals(Generation.Phase.COMPLETED, generation.phase());
        assertEquals(List.of(".filesync", "keep.txt"), namesIn(target));
        assertEquals("keep", Files.readString(target.resolve("keep.txt")));
        Path trash = target.resolve(".filesync/trash/" + generation.number());
        assertEquals("extra", Files.readString(trash.resolve("extra.txt")));
        assertEquals("x", Files.readString(trash.resolve("extra-dir/inner/x.txt")));
        assertTrue(Files.isSymbolicLink(trash.resolve("extra-link")));
        assertTrue(generation.filesDeleted() >= 3);
    }

    @Test
    public void aSecondRunRightAfterTheFirstPlansNothing() throws Exception {
        Path source = newDirectory("src");
        write(source.resolve("a.txt"), "a");
        write(Files.createDirectories(source.resolve("d")).resolve("b.txt"), "b");
        Conduit conduit = fileSync.createConduit(
                ConduitSpec.of(source.toString(), newDirectory("dst").toString()));
        sync(conduit);
        SyncPlan plan = fileSync.dryRun(conduit.id());
        assertTrue(plan.operations().toString(), plan.isEmpty());
    }

    @Test
    public void aResyncAfterChangesInsideDirectoriesEndsVerifiedWithTheirMtimesRestored() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Path dir = Files.createDirectories(source.resolve("d/e"));
        write(dir.resolve("keep.txt"), "keep");
        write(dir.resolve("change.txt"), "old");
        write(dir.resolve("drop.txt"), "drop");
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withMaxDeletePercent(100)));
        assertEquals(Generation.VERIFIED, sync(conduit).verification());

        write(dir.resolve("change.txt"), "new content");
        write(dir.resolve("added.txt"), "added");
        Files.delete(dir.resolve("drop.txt"));
        Files.setLastModifiedTime(dir, FileTime.from(Instant.parse("2021-06-01T00:00:00Z")));
        Generation second = sync(conduit);

        assertEquals(Generation.VERIFIED, second.verification());
        assertEquals(List.of("added.txt", "change.txt", "keep.txt"), namesIn(target.resolve("d/e")));
        assertEquals(
                Files.getLastModifiedTime(dir).toMillis(),
                Files.getLastModifiedTime(target.resolve("d/e")).toMillis());
    }

    @Test
    public void aTargetEditedDuringTheRunIsKeptReportedAndOnlyReplacedIntoTheTrashByTheNextRun() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.write(source.resolve("a-slow.bin"), randomBytes(500_000, 11));
        write(source.resolve("z.txt"), "from source");
        write(target.resolve("z.txt"), "old target");
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                defaults().withParallelTransfers(1).withBandwidthLimit(250_000)));

        SyncHandle run = fileSync.syncNow(conduit.id(), false);
        // a-slow.bin is copied first and keeps the job busy for about two seconds: edit z.txt meanwhile.
        awaitCondition("the copy of a-slow.bin to start", () -> run.progress().bytesDone() > 0);
        write(target.resolve("z.txt"), "edited by the user during the run");
        Generation first = run.await(RUN_TIMEOUT);

        assertEquals(Generation.Phase.FAILED, first.phase());
        assertTrue(
                first.errors().toString(),
                first.errors().stream()
                        .anyMatch(error -> error.contains("z.txt") && error.contains("changed-since-plan")));
        assertEquals("edited by the user during the run", Files.readString(target.resolve("z.txt")));

        Generation second = sync(conduit);
        assertEquals(Generation.VERIFIED, second.verification());
        assertEquals("from source", Files.readString(target.resolve("z.txt")));
        assertEquals(
                "edited by the user during the run",
                Files.readString(target.resolve(".filesync/trash/" + second.number() + "/z.txt")));
    }

    @Test
    public void aDryRunPlansWhatTheNextRunDoesAndChangesNothing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("new.txt"), "new");
        write(source.resolve("changed.txt"), "new content");
        write(target.resolve("changed.txt"), "old");
        write(target.resolve("gone.txt"), "gone");
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withMaxDeletePercent(100)));

        SyncPlan dryRun = fileSync.dryRun(conduit.id());

        assertEquals(List.of("changed.txt", "gone.txt"), namesIn(target));
        assertEquals("old", Files.readString(target.resolve("changed.txt")));
        assertEquals(0, fileSync.getConduit(conduit.id()).orElseThrow().currentGeneration());
        assertEquals(2, dryRun.copies());
        assertEquals(1, dryRun.deletes());
        SyncHandle run = fileSync.syncNow(conduit.id(), false);
        assertEquals(dryRun, run.plan());
        assertEquals(Generation.Phase.COMPLETED, run.await(RUN_TIMEOUT).phase());
    }

    @Test
    public void aDryRunIsRefusedByEachSafetyCheckOfTheRealRunWithItsMessageAndChangesNothing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("a.txt"), "a");
        for (String extra : List.of("x1", "x2", "x3")) {
            write(target.resolve(extra), extra);
        }
        Conduit conduit = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));

        assertDryRunRefusedLikeTheRun(conduit, "Refusing to delete 3 of 3 files", source, target);
        String forced = executeOk("filesync:sync --dry-run --force " + conduit.id());
        assertTrue(forced, forced.contains("Dry run: 4 operations, 1 copy, 3 deletes, 1 byte; nothing changed"));
        assertEquals(List.of("x1", "x2", "x3"), namesIn(target));
        assertEquals(
                Generation.VERIFIED,
                fileSync.syncNow(conduit.id(), true).await(RUN_TIMEOUT).verification());

        Path marker = target.resolve(".filesync/conduit-" + conduit.uuid() + ".marker");
        byte[] markerContent = Files.readAllBytes(marker);
        Files.delete(marker);
        assertDryRunRefusedLikeTheRun(conduit, "has lost the marker", source, target);
        Files.write(marker, markerContent);

        Path away = target.resolveSibling(target.getFileName() + "-away");
        Files.move(target, away);
        try {
            assertDryRunRefusedLikeTheRun(conduit, "is missing", source, away);
        } finally {
            Files.move(away, target);
        }

        fileSync.updateConduit(
                conduit.id(),
                fileSync.getConduit(conduit.id()).orElseThrow().options().withEnabled(false));
        assertDryRunRefusedLikeTheRun(conduit, "is disabled", source, target);
    }

    /**
     * A dry run through the shell is refused with the one-line error the real run then gives; neither
     * changes anything on disk or in the store, and only the real run's refusal is the last error.
     */
    private void assertDryRunRefusedLikeTheRun(Conduit conduit, String expected, Path... ends) throws Exception {
        List<String> disk = snapshot(ends);
        Conduit before = fileSync.getConduit(conduit.id()).orElseThrow();

        CommandResult dry = execute("filesync:sync --dry-run " + conduit.id());
        assertTrue(dry.output(), dry.error() != null);
        assertTrue(dry.errorMessage(), dry.errorMessage().contains(expected));
        assertFalse(dry.errorMessage(), dry.errorMessage().contains("\n"));
        assertEquals("", dry.output());
        assertEquals(before, fileSync.getConduit(conduit.id()).orElseThrow());

        CommandResult real = execute("filesync:sync " + conduit.id());
        assertEquals(real.errorMessage(), dry.errorMessage());
        assertEquals(disk, snapshot(ends));
        Conduit after = fileSync.getConduit(conduit.id()).orElseThrow();
        assertEquals(before.currentGeneration(), after.currentGeneration());
        assertEquals(before.statistics(), after.statistics());
    }

    /** Every path below the roots with its size, sorted. */
    private static List<String> snapshot(Path... roots) throws java.io.IOException {
        List<String> entries = new java.util.ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted().toList()) {
                    entries.add(path + " " + (Files.isRegularFile(path) ? Files.size(path) : -1));
                }
            }
        }
        return entries;
    }

    @Test
    public void theHandleReportsProgressUpToThePlannedTotals() throws Exception {
        Path source = newDirectory("src");
        for (int i = 0; i < 20; i++) {
            Files.write(source.resolve("f" + i + ".bin"), randomBytes(10_000, i));
        }
        Conduit conduit = fileSync.createConduit(
                ConduitSpec.of(source.toString(), newDirectory("dst").toString()));
        SyncHandle run = fileSync.syncNow(conduit.id(), false);
        run.await(RUN_TIMEOUT);
        SyncProgress progress = run.progress();
        assertEquals(20, progress.filesTotal());
        assertEquals(progress.filesTotal(), progress.filesDone());
        assertEquals(200_000, progress.bytesTotal());
        assertEquals(progress.bytesTotal(), progress.bytesDone());
        assertTrue(fileSync.activeRuns().isEmpty());
    }

    @Test
    public void noDeleteStartsBeforeTheLastCopyHasEnded() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.write(source.resolve("slow.bin"), randomBytes(600_000, 7));
        write(target.resolve("extra.txt"), "extra");
        write(target.resolve("other.txt"), "other");
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                defaults().withMaxDeletePercent(100).withBandwidthLimit(400_000)));

        Generation generation = sync(conduit);

        assertEquals(Generation.Phase.COMPLETED, generation.phase());
        List<JobStatus> jobs = jobManager.recent(20);
        Instant lastCopyEnd = jobs.stream()
                .filter(job ->
                        job.type().equals("filesync.copy") && job.description().contains(target.toString()))
                .map(job -> job.finished().orElseThrow())
                .max(Instant::compareTo)
                .orElseThrow();
        Instant firstDeleteStart = jobs.stream()
                .filter(job -> job.type().equals("filesync.delete")
                        && job.description().contains(target.toString()))
                .map(job -> job.started().orElseThrow())
                .min(Instant::compareTo)
                .orElseThrow();
        assertFalse(lastCopyEnd + " > " + firstDeleteStart, lastCopyEnd.isAfter(firstDeleteStart));
        assertEquals(List.of(".filesync", "slow.bin"), namesIn(target));
    }

    @Test
    public void aFailedCopyKeepsEveryExtraneousFileAndFailsTheGeneration() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(Files.createDirectories(source.resolve("locked")).resolve("new.txt"), "cannot land");
        write(source.resolve("fine.txt"), "fine");
        Path locked = Files.createDirectories(target.resolve("locked"));
        write(target.resolve("extra.txt"), "extra");
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withMaxDeletePercent(100)));
        makeUnwritable(locked);

        Generation generation = sync(conduit);

        assertEquals(Generation.Phase.FAILED, generation.phase());
        assertTrue(generation.errors().toString(), generation.errors().stream().anyMatch(e -> e.contains("new.txt")));
        assertEquals("extra", Files.readString(target.resolve("extra.txt")));
        assertFalse(Files.exists(target.resolve("locked/new.txt")));
        assertEquals(0, generation.filesDeleted());
        assertEquals(
                Generation.Phase.FAILED, fileSync.history(conduit.id()).get(0).phase());
        assertTrue(fileSync.getConduit(conduit.id()).orElseThrow().lastError().isPresent());
    }

    @Test
    public void aSecondSyncWhileOneRunsIsRefused() throws Exception {
        Path source = newDirectory("src");
        Files.write(source.resolve("slow.bin"), randomBytes(400_000, 3));
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(), newDirectory("dst").toString(), defaults().withBandwidthLimit(200_000)));
        SyncHandle first = fileSync.syncNow(conduit.id(), false);
        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("already syncing"));
        assertEquals(Generation.Phase.COMPLETED, first.await(RUN_TIMEOUT).phase());
        assertEquals(1, fileSync.history(conduit.id()).size());
    }

    @Test
    public void aDisabledConduitIsRefused() throws Exception {
        Path source = newDirectory("src");
        write(source.resolve("a.txt"), "a");
        Path target = newDirectory("dst");
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withEnabled(false)));
        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("is disabled"));
        assertEquals(List.of(), namesIn(target));
        assertTrue(fileSync.history(conduit.id()).isEmpty());
    }

    @Test
    public void deletingMoreThanTheMaxDeleteShareIsRefusedUnlessForced() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (int i = 0; i < 10; i++) {
            write(target.resolve("t" + i + ".txt"), "t" + i);
        }
        write(source.resolve("t0.txt"), "t0");
        write(source.resolve("t1.txt"), "t1");
        Conduit conduit = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("Refusing to delete 8 of 10 files"));
        assertEquals(10, namesIn(target).size());
        assertEquals(0, fileSync.getConduit(conduit.id()).orElseThrow().currentGeneration());

        Generation forced = fileSync.syncNow(conduit.id(), true).await(RUN_TIMEOUT);
        assertEquals(Generation.Phase.COMPLETED, forced.phase());
        assertEquals(List.of(".filesync", "t0.txt", "t1.txt"), namesIn(target));
    }

    @Test
    public void aSourceEmptiedAfterCreationIsRefused() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("a.txt"), "a");
        write(source.resolve("b.txt"), "b");
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withMaxDeletePercent(99)));
        sync(conduit);
        Files.delete(source.resolve("a.txt"));
        Files.delete(source.resolve("b.txt"));

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("Refusing to delete 2 of 2 files (100 %)"));
        assertEquals(List.of(".filesync", "a.txt", "b.txt"), namesIn(target));
    }

    @Test
    public void aMissingSourceIsRefusedNotTreatedAsEmpty() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(target.resolve("precious.txt"), "precious");
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withMaxDeletePercent(100)));
        Files.delete(source);

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("is missing"));
        assertEquals("precious", Files.readString(target.resolve("precious.txt")));
    }

    @Test
    public void anEndpointEmptiedLikeAnUnmountedDiskIsRecognisedAndRefusedUnlessForced() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("a.txt"), "a");
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), defaults().withMaxDeletePercent(100)));
        sync(conduit);
        // What an unmounted target looks like: the same folder, empty.
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!path.equals(target)) {
                    Files.delete(path);
                }
            }
        }

        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("has lost the marker"));
        assertEquals(List.of(), namesIn(target));
        assertEquals(1, fileSync.history(conduit.id()).size());

        Generation forced = fileSync.syncNow(conduit.id(), true).await(RUN_TIMEOUT);
        assertEquals(Generation.VERIFIED, forced.verification());
        assertEquals("a", Files.readString(target.resolve("a.txt")));
    }

    @Test
    public void aSyncIsRefusedWhileTheIndexHasNotSettled() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("a.txt"), "a");
        Conduit conduit = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));
        AtomicBoolean writing = new AtomicBoolean(true);
        Path growing = source.resolve("growing.log");
        Thread writer = new Thread(() -> {
            try {
                while (writing.get()) {
                    Files.writeString(
                            growing,
                            "line\n",
                            java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    // a log written every few milliseconds: never quiet for a whole debounce window
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        try {
            awaitCondition("the index of " + source + " to see the writes", () -> !index.status(
                            index.locate(source).orElseThrow().location().root())
                    .settled());
            SyncRefusedException refused =
                    assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
            assertTrue(refused.getMessage(), refused.getMessage().contains("did not settle"));
        } finally {
            writing.set(false);
            writer.join();
        }
        assertEquals(List.of(), namesIn(target));
        assertEquals(0, fileSync.getConduit(conduit.id()).orElseThrow().currentGeneration());
    }

    @Test
    public void syncWaitPrintsTheContractSummaryLine() throws Exception {
        Path source = newDirectory("src");
        write(source.resolve("a.txt"), "abc");
        Conduit conduit = fileSync.createConduit(
                ConduitSpec.of(source.toString(), newDirectory("dst").toString()));
        String output = executeOk("filesync:sync --wait " + conduit.id());
        Pattern summary = Pattern.compile(
                "(?m)^generation=1 copied=1 deleted=0 moved=0 conflicts=0 bytes=3 elapsed=\\d+\\.\\d{3}s status=verified$");
        assertTrue(output, summary.matcher(output).find());
        String dryRun = executeOk("filesync:sync --dry-run --wait " + conduit.id());
        assertTrue(
                dryRun,
                Pattern.compile(
                                "(?m)^generation=- copied=0 deleted=0 moved=0 conflicts=0 bytes=0 elapsed=\\d+\\.\\d{3}s status=dry-run$")
                        .matcher(dryRun)
                        .find());
        String history = executeOk("filesync:history " + conduit.id());
        assertTrue(history, history.contains("completed"));
    }

    private static org.filesync.api.ConduitOptions defaults() {
        return org.filesync.api.ConduitOptions.defaults();
    }
}
