package org.filesync.transfer.internal;

import static org.filesync.transfer.internal.TransferTestSupport.T1;
import static org.filesync.transfer.internal.TransferTestSupport.T2;
import static org.filesync.transfer.internal.TransferTestSupport.T3;
import static org.filesync.transfer.internal.TransferTestSupport.copyJob;
import static org.filesync.transfer.internal.TransferTestSupport.listing;
import static org.filesync.transfer.internal.TransferTestSupport.stateOf;
import static org.filesync.transfer.internal.TransferTestSupport.temps;
import static org.filesync.transfer.internal.TransferTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.filesync.api.path.Witness;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.ContentHash;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferOptions;
import org.filesync.transfer.TransferReasons;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CopyJobTest {

    @TempDir
    Path dir;

    Path src;
    Path dst;
    Path outside;

    @BeforeEach
    void trees() throws IOException {
        src = Files.createDirectories(dir.resolve("src"));
        dst = Files.createDirectories(dir.resolve("dst"));
        outside = Files.createDirectories(dir.resolve("outside"));
    }

    private TransferOptions options() {
        return TransferOptions.of(dst, "7");
    }

    private static JobResult run(CopyJob job) throws InterruptedException {
        return job.run(new DirectContext());
    }

    @ParameterizedTest
    @EnumSource(
            value = Durability.class,
            names = {"SYNCFS_BATCH", "FSYNC_PER_FILE"})
    void copiesFilesDirectoriesAndLinksWithMetadata(Durability durability) throws Exception {
        Path a = write(src.resolve("d/a.txt"), "alpha", T1);
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwxr-x---"));
        Path empty = Files.createDirectories(src.resolve("empty"));
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rwx------"));
        Files.setLastModifiedTime(empty, java.nio.file.attribute.FileTime.from(T2));
        Path link = Files.createSymbolicLink(src.resolve("d/link"), Path.of("a.txt"));
        Files.setLastModifiedTime(src.resolve("d"), java.nio.file.attribute.FileTime.from(T2));

        CopyJob job = copyJob(
                List.of(
                        CopyItem.toNew(src.resolve("d"), dst.resolve("d")),
                        CopyItem.toNew(a, dst.resolve("d/a.txt")),
                        CopyItem.toNew(empty, dst.resolve("empty")),
                        CopyItem.toNew(link, dst.resolve("d/link"))),
                options().withParallel(2),
                durability,
                Copier.DEFAULT);
        JobResult r = run(job);

        assertEquals(List.of(), r.errors());
        assertEquals(4, r.itemsSucceeded());
        assertEquals("alpha", Files.readString(dst.resolve("d/a.txt")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dst.resolve("d/a.txt"))));
        assertEquals(T1, Files.getLastModifiedTime(dst.resolve("d/a.txt")).toInstant());
        assertTrue(Files.isDirectory(dst.resolve("empty")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dst.resolve("empty"))));
        assertEquals(T2, Files.getLastModifiedTime(dst.resolve("empty")).toInstant());
        assertEquals(T2, Files.getLastModifiedTime(dst.resolve("d")).toInstant(), "directory mtime set last");
        assertTrue(Files.isSymbolicLink(dst.resolve("d/link")));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(dst.resolve("d/link")));
        assertEquals(List.of(), temps(dst));
        assertTrue(job.outcomes().stream().allMatch(ItemOutcome::done));
    }

    @Test
    void aFolderTheJobWritesIntoKeepsItsMtimeUnlessThePlanSetsIt() throws Exception {
        write(src.resolve("kept/old.txt"), "new content", T1);
        write(src.resolve("kept/added.txt"), "added", T1);
        Path target = write(dst.resolve("kept/old.txt"), "old content", T1);
        Files.setLastModifiedTime(dst.resolve("kept"), java.nio.file.attribute.FileTime.from(T2));

        JobResult r = run(copyJob(
                List.of(
                        CopyItem.replacing(src.resolve("kept/old.txt"), target, stateOf(target)),
                        CopyItem.toNew(src.resolve("kept/added.txt"), dst.resolve("kept/added.txt"))),
                options()));

        assertEquals(List.of(), r.errors());
        assertEquals("new content", Files.readString(target));
        assertEquals(T2, Files.getLastModifiedTime(dst.resolve("kept")).toInstant(), "not the time of the renames");
    }

    @ParameterizedTest
    @EnumSource(
            value = Durability.class,
            names = {"SYNCFS_BATCH", "FSYNC_PER_FILE"})
    void manySmallBatchesAreFlushedAndRenamedInOrder(Durability durability) throws Exception {
        List<CopyItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Path s = write(src.resolve("d" + i % 5 + "/f" + i), "content " + i, T1);
            items.add(CopyItem.toNew(s, dst.resolve("d" + i % 5 + "/f" + i)));
        }
        CopyJob job = TransferTestSupport.copyJob(
                items, options().withParallel(3), new CopyJob.Settings(durability, 7, 1 << 20, Copier.DEFAULT));
        JobResult r = run(job);
        assertEquals(List.of(), r.errors());
        for (int i = 0; i < 50; i++) {
            assertEquals("content " + i, Files.readString(dst.resolve("d" + i % 5 + "/f" + i)));
        }
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void symlinkToADirectoryOutsideIsCopiedAsALinkAndNothingOutsideIsTouched() throws Exception {
        write(outside.resolve("secret.txt"), "keep", T1);
        List<String> before = listing(outside);
        Path link = Files.createSymbolicLink(src.resolve("out"), outside);

        JobResult r = run(copyJob(List.of(CopyItem.toNew(link, dst.resolve("out"))), options()));
        assertEquals(List.of(), r.errors());
        assertTrue(Files.isSymbolicLink(dst.resolve("out")));
        assertEquals(outside, Files.readSymbolicLink(dst.resolve("out")));

        // A later copy that would write "through" the link is refused: the link is not followed.
        write(src.resolve("x.txt"), "x", T1);
        JobResult through =
                run(copyJob(List.of(CopyItem.toNew(src.resolve("x.txt"), dst.resolve("out/x.txt"))), options()));
        assertEquals(TransferReasons.SYMLINK_IN_PATH, through.errors().get(0).reason());
        assertEquals(before, listing(outside));
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void targetEditedAfterThePlanIsKeptAndReported() throws Exception {
        write(src.resolve("f.txt"), "new from source", T2);
        Path target = write(dst.resolve("f.txt"), "planned", T1);
        var planned = stateOf(target);
        // the user edits the target after planning
        write(target, "user edit!", Instant.now());

        CopyJob job = copyJob(List.of(CopyItem.replacing(src.resolve("f.txt"), target, planned)), options());
        JobResult r = run(job);

        assertEquals(1, r.errors().size());
        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, r.errors().get(0).reason());
        assertEquals("user edit!", Files.readString(target));
        assertFalse(job.outcomes().get(0).done());
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void sameSizeAndMtimeButDifferentContentIsCaughtByTheHash() throws Exception {
        write(src.resolve("f.txt"), "source", T2);
        Path target = write(dst.resolve("f.txt"), "aaaa", T1);
        var planned = TransferTestSupport.file(4, T1, Optional.of(StateCheck.hash(target, "SHA-256")));
        write(target, "bbbb", T1); // same size and mtime, other content

        JobResult r = run(copyJob(List.of(CopyItem.replacing(src.resolve("f.txt"), target, planned)), options()));
        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, r.errors().get(0).reason());
        assertEquals("bbbb", Files.readString(target));
    }

    @Test
    void entryThatAppearedWhereThePlanSawNothingIsKept() throws Exception {
        write(src.resolve("f.txt"), "source", T2);
        Path target = write(dst.resolve("f.txt"), "created by the user", T1);
        JobResult r = run(copyJob(List.of(CopyItem.toNew(src.resolve("f.txt"), target)), options()));
        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, r.errors().get(0).reason());
        assertEquals("created by the user", Files.readString(target));
    }

    @Test
    void entryThatAppearsWhileTheTempIsWrittenIsKeptByTheNoReplaceRename() throws Exception {
        write(src.resolve("f.txt"), "source", T2);
        Path target = dst.resolve("f.txt");
        // the target is absent when the job checks it, then appears before the rename
        Copier racing = (in, out, size, digest, throttle, ctx) -> {
            write(target, "created by the user meanwhile", T1);
            return Copier.DEFAULT.copy(in, out, size, digest, throttle, ctx);
        };
        CopyJob job = copyJob(
                List.of(CopyItem.toNew(src.resolve("f.txt"), target)), options(), Durability.SYNCFS_BATCH, racing);
        JobResult r = run(job);
        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, r.errors().get(0).reason());
        assertEquals("created by the user meanwhile", Files.readString(target));
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void withoutNativeCallsNewTargetsAreCopiedAndAnEntryThatAppearedIsKept() throws Exception {
        write(src.resolve("new.txt"), "new", T2);
        write(src.resolve("taken.txt"), "source", T2);
        Path taken = write(dst.resolve("taken.txt"), "created by the user", T1);
        CopyJob job = new CopyJob(
                new org.filesync.transfer.CopyRequest(
                        List.of(
                                CopyItem.toNew(src.resolve("new.txt"), dst.resolve("new.txt")),
                                CopyItem.toNew(src.resolve("taken.txt"), taken)),
                        options()),
                CopyJob.Settings.defaults(Durability.FSYNC_PER_FILE),
                Optional.empty(),
                name -> Optional.empty(),
                new ActiveTemps());
        JobResult r = run(job);
        assertEquals(1, r.itemsSucceeded());
        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, r.errors().get(0).reason());
        assertEquals("new", Files.readString(dst.resolve("new.txt")));
        assertEquals("created by the user", Files.readString(taken));
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void aDanglingLinkWhereThePlanSawNothingIsKept() throws Exception {
        write(src.resolve("f.txt"), "source", T2);
        Path link = Files.createSymbolicLink(dst.resolve("f.txt"), outside.resolve("nowhere"));
        JobResult r = run(copyJob(List.of(CopyItem.toNew(src.resolve("f.txt"), link)), options()));
        assertEquals(TransferReasons.CHANGED_SINCE_PLAN, r.errors().get(0).reason());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(
                List.of("/"),
                listing(outside).stream().map(s -> s.isEmpty() ? "/" : s).toList());
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void replacesAMatchingTargetAndKeepsThePreviousVersionInTheTrash() throws Exception {
        write(src.resolve("a/f.txt"), "version 2", T2);
        Path target = write(dst.resolve("a/f.txt"), "version 1", T1);
        JobResult r = replaceKeepingInTrash(src.resolve("a/f.txt"), target);
        assertEquals(List.of(), r.errors());
        assertEquals("version 2", Files.readString(target));
        assertEquals("version 1", Files.readString(Layout.trash(dst, "7").resolve("a/f.txt")));
    }

    @Test
    void aPathReplacedTwiceInOneGenerationKeepsBothPreviousVersionsInTheTrash() throws Exception {
        write(src.resolve("a/f.txt"), "version 2", T2);
        Path target = write(dst.resolve("a/f.txt"), "version 1", T1);
        JobResult first = replaceKeepingInTrash(src.resolve("a/f.txt"), target);
        write(src.resolve("a/f.txt"), "version 3", T3);
        JobResult second = replaceKeepingInTrash(src.resolve("a/f.txt"), target);
        assertEquals(List.of(), first.errors());
        assertEquals(List.of(), second.errors());
        assertEquals("version 3", Files.readString(target));
        Path kept = Layout.trash(dst, "7").resolve("a");
        assertEquals("version 1", Files.readString(kept.resolve("f.txt")));
        assertEquals("version 2", Files.readString(kept.resolve("f.txt.~1~")));
    }

    /** Copies {@code source} over {@code target} as the plan saw it, keeping the replaced file in the trash. */
    private JobResult replaceKeepingInTrash(Path source, Path target) throws Exception {
        return run(copyJob(
                List.of(CopyItem.replacing(source, target, stateOf(target))),
                options().keepingReplacedWith(DeleteStrategy.TRASH)));
    }

    @Test
    void hashIsComputedWhileCopyingAndAMismatchLeavesTheTargetAlone() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        Path s = src.resolve("big.bin");
        Files.write(s, data);
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        JobResult ok = run(copyJob(
                List.of(new CopyItem(
                        s, dst.resolve("big.bin"), Optional.empty(), Optional.of(ContentHash.sha256(hex)))),
                options()));
        assertEquals(List.of(), ok.errors());
        assertArrayEquals(data, Files.readAllBytes(dst.resolve("big.bin")));
        assertEquals(data.length, ok.bytes());

        JobResult bad = run(copyJob(
                List.of(new CopyItem(
                        s, dst.resolve("other.bin"), Optional.empty(), Optional.of(ContentHash.sha256("00ff")))),
                options()));
        assertEquals(TransferReasons.SOURCE_CHANGED, bad.errors().get(0).reason());
        assertFalse(Files.exists(dst.resolve("other.bin")));
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void eachFilePlacedWithAHashIsAnnouncedWithItsWitnessReadAfterTheRename() throws Exception {
        Path hashed = write(src.resolve("d/hashed.txt"), "hashed", T1);
        Path unhashed = write(src.resolve("d/unhashed.txt"), "unhashed", T1);
        Files.createSymbolicLink(src.resolve("d/link"), Path.of("hashed.txt"));
        Path mismatched = write(src.resolve("d/mismatched.txt"), "mismatched", T1);
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("hashed".getBytes()));
        List<Object[]> announced = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        JobResult result = run(new CopyJob(
                new CopyRequest(
                                List.of(
                                        new CopyItem(
                                                hashed,
                                                dst.resolve("d/hashed.txt"),
                                                Optional.empty(),
                                                Optional.of(ContentHash.sha256(hex))),
                                        CopyItem.toNew(unhashed, dst.resolve("d/unhashed.txt")),
                                        CopyItem.toNew(src.resolve("d/link"), dst.resolve("d/link")),
                                        new CopyItem(
                                                mismatched,
                                                dst.resolve("d/mismatched.txt"),
                                                Optional.empty(),
                                                Optional.of(ContentHash.sha256("00ff")))),
                                options())
                        .reportingTo((file, witness, hash) -> announced.add(new Object[] {file, witness, hash})),
                CopyJob.Settings.defaults(Durability.SYNCFS_BATCH),
                NativeFs.load(),
                name -> Optional.empty(),
                new ActiveTemps()));

        assertEquals(1, result.errors().size(), "the mismatched hash fails its item");
        assertEquals(1, announced.size(), "only the file placed with a hash computed while writing");
        Path target = dst.resolve("d/hashed.txt");
        assertEquals(target, announced.get(0)[0]);
        assertEquals(Witness.read(target).orElseThrow(), announced.get(0)[1], "the witness of the placed file");
        assertEquals(ContentHash.sha256(hex), announced.get(0)[2]);
    }

    @Test
    void vanishedSourceNameTooLongAndOutsideTargetsAreReportedPerItem() throws Exception {
        write(src.resolve("ok.txt"), "ok", T1);
        String longName = "n".repeat(300);
        write(src.resolve("short.txt"), "s", T1);
        CopyJob job = copyJob(
                List.of(
                        CopyItem.toNew(src.resolve("ok.txt"), dst.resolve("ok.txt")),
                        CopyItem.toNew(src.resolve("gone.txt"), dst.resolve("gone.txt")),
                        CopyItem.toNew(src.resolve("short.txt"), dst.resolve(longName)),
                        CopyItem.toNew(src.resolve("ok.txt"), outside.resolve("escape.txt")),
                        CopyItem.toNew(src.resolve("ok.txt"), dst.resolve("sub/../../outside/escape2.txt"))),
                options());
        JobResult r = run(job);
        assertEquals(1, r.itemsSucceeded());
        assertEquals(
                List.of(
                        TransferReasons.SOURCE_VANISHED,
                        TransferReasons.NAME_TOO_LONG,
                        TransferReasons.OUTSIDE_ENDPOINT,
                        TransferReasons.OUTSIDE_ENDPOINT),
                r.errors().stream().map(e -> e.reason()).toList());
        assertEquals(
                List.of("/"),
                listing(outside).stream().map(s -> s.isEmpty() ? "/" : s).toList());
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void injectedDiskFullAtTheWriteSeamFailsCleanly() throws Exception {
        write(src.resolve("f.txt"), "new content that will not fit", T2);
        Path target = write(dst.resolve("f.txt"), "old", T1);
        Copier full = new Copier() {
            @Override
            public long copy(FileChannel in, FileChannel out, long size, MessageDigest d, Throttle t, JobContext ctx)
                    throws IOException {
                out.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
                throw new IOException("No space left on device");
            }
        };
        CopyJob job = copyJob(
                List.of(CopyItem.replacing(src.resolve("f.txt"), target, stateOf(target))),
                options(),
                Durability.SYNCFS_BATCH,
                full);
        JobResult r = run(job);
        assertEquals(TransferReasons.DISK_FULL, r.errors().get(0).reason());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void bandwidthLimitAndParallelItems() throws Exception {
        byte[] mb = new byte[1 << 20];
        List<CopyItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path s = src.resolve("f" + i);
            Files.write(s, mb);
            items.add(CopyItem.toNew(s, dst.resolve("f" + i)));
        }
        long start = System.nanoTime();
        JobResult r = run(copyJob(items, options().withParallel(4).withBandwidth(4L << 20)));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(List.of(), r.errors());
        assertEquals(4L << 20, r.bytes());
        // 4 MiB at 4 MiB/s: the first MiB-chunks go at once, the rest takes at least ~0.75 s
        assertTrue(seconds >= 0.7, "bandwidth limit not applied: " + seconds + " s");
    }

    @Test
    void cancelledJobLeavesNoTempAndReportsTheRest() throws Exception {
        write(src.resolve("a"), "a", T1);
        DirectContext ctx = new DirectContext();
        ctx.cancelled = true;
        CopyJob job = copyJob(List.of(CopyItem.toNew(src.resolve("a"), dst.resolve("a"))), options());
        JobResult r = job.run(ctx);
        assertEquals(TransferReasons.CANCELLED, r.errors().get(0).reason());
        assertFalse(Files.exists(dst.resolve("a"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), temps(dst));
    }
}
