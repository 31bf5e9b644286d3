package org.filesync.transfer.internal;

import static org.filesync.transfer.internal.TransferTestSupport.T1;
import static org.filesync.transfer.internal.TransferTestSupport.T2;
import static org.filesync.transfer.internal.TransferTestSupport.T3;
import static org.filesync.transfer.internal.TransferTestSupport.copyJob;
import static org.filesync.transfer.internal.TransferTestSupport.listing;
import static org.filesync.transfer.internal.TransferTestSupport.temps;
import static org.filesync.transfer.internal.TransferTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.filesync.api.path.Witness;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.ContentHash;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferOptions;
import org.filesync.transfer.TransferReasons;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a directory new to the target lands: complete with every item that did not fail, with one
 * rename, or not at all when the staged tree is doubtful.
 */
class WholeDirectoriesTest {

    @TempDir
    Path dir;

    Path src;
    Path dst;

    @BeforeEach
    void trees() throws IOException {
        src = Files.createDirectories(dir.resolve("src"));
        dst = Files.createDirectories(dir.resolve("dst"));
    }

    /** src/new: a.txt, sub/b.txt, sub/deeper/ (empty), link -> a.txt; the items in walk order. */
    private List<CopyItem> newTree() throws IOException {
        write(src.resolve("new/a.txt"), "alpha", T1);
        write(src.resolve("new/sub/b.txt"), "beta", T2);
        Files.createDirectories(src.resolve("new/sub/deeper"));
        Files.createSymbolicLink(src.resolve("new/link"), Path.of("a.txt"));
        Files.setLastModifiedTime(src.resolve("new/sub/deeper"), FileTime.from(T1));
        Files.setLastModifiedTime(src.resolve("new/sub"), FileTime.from(T2));
        Files.setLastModifiedTime(src.resolve("new"), FileTime.from(T3));
        return itemsOf(src.resolve("new"));
    }

    private List<CopyItem> itemsOf(Path top) throws IOException {
        try (Stream<Path> walk = Files.walk(top)) {
            return walk.sorted()
                    .map(p -> CopyItem.toNew(p, dst.resolve(src.relativize(p).toString())))
                    .toList();
        }
    }

    private TransferOptions options() {
        return TransferOptions.of(dst, "7").withParallel(2);
    }

    /** The default copier, running {@code during} before each file's bytes are written. */
    private static Copier before(IoAction during) {
        return (in, out, size, digest, throttle, ctx) -> {
            during.run();
            return Copier.DEFAULT.copy(in, out, size, digest, throttle, ctx);
        };
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @ParameterizedTest
    @EnumSource(
            value = Durability.class,
            names = {"SYNCFS_BATCH", "FSYNC_PER_FILE"})
    void aNewTreeLandsCompleteAndNoneOfItsFilesAppearsBeforeIt(Durability durability) throws Exception {
        List<CopyItem> items = newTree();
        List<Boolean> topExistedDuringACopy = Collections.synchronizedList(new ArrayList<>());

        JobResult r = copyJob(
                        items,
                        options(),
                        durability,
                        before(() ->
                                topExistedDuringACopy.add(Files.exists(dst.resolve("new"), LinkOption.NOFOLLOW_LINKS))))
                .run(new DirectContext());

        assertEquals(List.of(), r.errors());
        assertEquals(items.size(), r.itemsSucceeded());
        assertEquals(
                List.of(false, false), topExistedDuringACopy, "both files were written before the directory appeared");
        assertEquals(listing(src.resolve("new")), listing(dst.resolve("new")));
        assertEquals(List.of(), temps(dst), "the staging directory was renamed, nothing is left in tmp");
    }

    @Test
    void theTreeKeepsModesMtimesAndLinksEvenOfReadOnlyDirectories() throws Exception {
        List<CopyItem> items = newTree();
        Files.setPosixFilePermissions(src.resolve("new/a.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(src.resolve("new/sub"), PosixFilePermissions.fromString("r-xr-x---"));
        Files.setPosixFilePermissions(src.resolve("new"), PosixFilePermissions.fromString("r-x------"));
        try {
            JobResult r = copyJob(items, options()).run(new DirectContext());

            assertEquals(List.of(), r.errors());
            assertEquals("rw-------", permissions(dst.resolve("new/a.txt")));
            assertEquals("r-xr-x---", permissions(dst.resolve("new/sub")));
            assertEquals("r-x------", permissions(dst.resolve("new")));
            assertEquals(T1, Files.getLastModifiedTime(dst.resolve("new/a.txt")).toInstant());
            assertEquals(
                    T1, Files.getLastModifiedTime(dst.resolve("new/sub/deeper")).toInstant());
            assertEquals(T2, Files.getLastModifiedTime(dst.resolve("new/sub")).toInstant());
            assertEquals(T3, Files.getLastModifiedTime(dst.resolve("new")).toInstant(), "set after the rename");
            assertTrue(Files.isSymbolicLink(dst.resolve("new/link")));
            assertEquals(Path.of("a.txt"), Files.readSymbolicLink(dst.resolve("new/link")));
        } finally {
            writable(src.resolve("new"), src.resolve("new/sub"), dst.resolve("new"), dst.resolve("new/sub"));
        }
    }

    @Test
    void aSiblingWhoseNameSortsBetweenTheDirectoryAndItsContentLeavesTheTreeWhole() throws Exception {
        write(src.resolve("a/x.txt"), "inside", T1);
        write(src.resolve("a-b.txt"), "beside", T1);
        write(src.resolve("a.txt"), "beside too", T1);
        List<CopyItem> items = new ArrayList<>(itemsOf(src.resolve("a")));
        items.add(CopyItem.toNew(src.resolve("a-b.txt"), dst.resolve("a-b.txt")));
        items.add(CopyItem.toNew(src.resolve("a.txt"), dst.resolve("a.txt")));
        List<Boolean> topExistedDuringACopy = Collections.synchronizedList(new ArrayList<>());

        JobResult r = copyJob(
                        items,
                        options(),
                        Durability.SYNCFS_BATCH,
                        before(() ->
                                topExistedDuringACopy.add(Files.exists(dst.resolve("a"), LinkOption.NOFOLLOW_LINKS))))
                .run(new DirectContext());

        assertEquals(List.of(), r.errors());
        assertEquals(List.of(false, false, false), topExistedDuringACopy);
        assertEquals(
                listing(src),
                listing(dst).stream().filter(l -> !l.startsWith(".filesync")).toList());
    }

    @Test
    void theFolderANewDirectoryLandsInKeepsItsMtime() throws Exception {
        write(src.resolve("kept/new/a.txt"), "alpha", T1);
        Files.createDirectories(dst.resolve("kept"));
        Files.setLastModifiedTime(dst.resolve("kept"), FileTime.from(T2));

        JobResult r = copyJob(itemsOf(src.resolve("kept/new")), options()).run(new DirectContext());

        assertEquals(List.of(), r.errors());
        assertEquals("alpha", Files.readString(dst.resolve("kept/new/a.txt")));
        assertEquals(T2, Files.getLastModifiedTime(dst.resolve("kept")).toInstant());
    }

    @Test
    void aFileThatFailsItsCheckStaysOutAndTheRestOfTheTreeLandsAndIsAnnounced() throws Exception {
        write(src.resolve("new/a.txt"), "alpha", T1);
        write(src.resolve("new/sub/b.txt"), "beta", T1);
        Path b = src.resolve("new/sub/b.txt");
        List<CopyItem> items = itemsOf(src.resolve("new")).stream()
                .map(i -> Files.isRegularFile(i.source())
                        ? new CopyItem(
                                i.source(),
                                i.target(),
                                Optional.empty(),
                                Optional.of(i.source().equals(b) ? ContentHash.sha256("00ff") : sha256(i.source())))
                        : i)
                .toList();
        Map<Path, Witness> announced = new ConcurrentHashMap<>();
        CopyJob job = new CopyJob(
                new CopyRequest(items, options()).reportingTo((file, witness, hash) -> announced.put(file, witness)),
                CopyJob.Settings.defaults(Durability.SYNCFS_BATCH),
                NativeFs.load(),
                name -> Optional.empty(),
                new ActiveTemps());

        JobResult r = job.run(new DirectContext());

        assertEquals(List.of("/", "a.txt = alpha", "sub/"), listing(dst.resolve("new")));
        assertEquals(items.size() - 1, r.itemsSucceeded());
        ItemOutcome failed = outcomesByTarget(job).get(dst.resolve("new/sub/b.txt"));
        assertEquals(TransferReasons.SOURCE_CHANGED, failed.reason());
        assertTrue(failed.message().contains("hash differs"), failed.message());
        assertEquals(
                Map.of(
                        dst.resolve("new/a.txt"),
                        Witness.read(dst.resolve("new/a.txt")).orElseThrow()),
                announced);
        assertEquals(List.of(), temps(dst), "the staging directory was renamed, nothing is left in tmp");
    }

    @Test
    void aFileThatFailsMidWriteLeavesNoPartInThePlacedTree() throws Exception {
        List<CopyItem> items = newTree();
        Copier failsOnB = (in, out, size, digest, throttle, ctx) -> {
            if (size == "beta".length()) {
                out.write(java.nio.ByteBuffer.wrap("be".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                throw new IOException("read error");
            }
            return Copier.DEFAULT.copy(in, out, size, digest, throttle, ctx);
        };
        CopyJob job = copyJob(items, options(), Durability.SYNCFS_BATCH, failsOnB);

        JobResult r = job.run(new DirectContext());

        assertEquals(1, r.errors().size());
        assertEquals("alpha", Files.readString(dst.resolve("new/a.txt")));
        assertTrue(Files.isDirectory(dst.resolve("new/sub/deeper"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dst.resolve("new/sub/b.txt"), LinkOption.NOFOLLOW_LINKS), "no partial b.txt");
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void theNextRunCopiesTheFileThatFailedIntoThePlacedDirectory() throws Exception {
        List<CopyItem> items = newTree();
        Copier failsOnB = (in, out, size, digest, throttle, ctx) -> {
            if (size == "beta".length()) {
                throw new IOException("read error");
            }
            return Copier.DEFAULT.copy(in, out, size, digest, throttle, ctx);
        };
        copyJob(items, options(), Durability.SYNCFS_BATCH, failsOnB).run(new DirectContext());
        Path b = src.resolve("new/sub/b.txt");

        JobResult r = copyJob(List.of(CopyItem.toNew(b, dst.resolve("new/sub/b.txt"))), options())
                .run(new DirectContext());

        assertEquals(List.of(), r.errors());
        assertEquals(listing(src.resolve("new")), listing(dst.resolve("new")));
    }

    @Test
    void aVanishedSubdirectoryStaysOutWithItsFilesAndTheRestLands() throws Exception {
        List<CopyItem> items = newTree();
        Files.delete(src.resolve("new/sub/b.txt"));
        Files.delete(src.resolve("new/sub/deeper"));
        Files.delete(src.resolve("new/sub"));
        Files.setLastModifiedTime(src.resolve("new"), FileTime.from(T3));
        CopyJob job = copyJob(items, options());

        JobResult r = job.run(new DirectContext());

        assertEquals(List.of("/", "a.txt = alpha", "link -> a.txt"), listing(dst.resolve("new")));
        assertEquals(3, r.itemsSucceeded());
        Map<Path, ItemOutcome> outcomes = outcomesByTarget(job);
        for (String gone : List.of("new/sub", "new/sub/b.txt", "new/sub/deeper")) {
            assertEquals(
                    TransferReasons.SOURCE_VANISHED,
                    outcomes.get(dst.resolve(gone)).reason(),
                    gone);
        }
        assertEquals(T3, Files.getLastModifiedTime(dst.resolve("new")).toInstant(), "the top has its metadata");
    }

    @Test
    void aFailedFlushOfTheFilesKeepsTheWholeTreeOut() throws Exception {
        List<CopyItem> items = newTree();
        CopyJob job = copyJobWithSyncfsFailingFrom(1, items);

        JobResult r = job.run(new DirectContext());

        assertFalse(Files.exists(dst.resolve("new"), LinkOption.NOFOLLOW_LINKS), "no part of the tree landed");
        assertEquals(0, r.itemsSucceeded());
        assertEquals(List.of(), temps(dst), "the staging directory is removed");
    }

    @Test
    void aFailedFlushOfTheStagedTreeKeepsTheWholeTreeOut() throws Exception {
        List<CopyItem> items = newTree();
        CopyJob job = copyJobWithSyncfsFailingFrom(2, items); // the files' batch flush succeeds

        JobResult r = job.run(new DirectContext());

        assertFalse(Files.exists(dst.resolve("new"), LinkOption.NOFOLLOW_LINKS), "no part of the tree landed");
        assertEquals(0, r.itemsSucceeded());
        assertTrue(
                job.outcomes().stream().allMatch(o -> o.message().contains("durable")),
                job.outcomes().toString());
        assertEquals(List.of(), temps(dst), "the staging directory is removed");
    }

    /** A copy job whose {@code syncfs} calls fail with EIO from the {@code first}-th one on. */
    private CopyJob copyJobWithSyncfsFailingFrom(int first, List<CopyItem> items) {
        Assumptions.assumeTrue(NativeFs.load().isPresent(), "syncfs needs the native calls");
        NativeFs.LibC libc = NativeFs.direct();
        AtomicInteger calls = new AtomicInteger();
        NativeFs.LibC failing = (NativeFs.LibC) java.lang.reflect.Proxy.newProxyInstance(
                NativeFs.LibC.class.getClassLoader(), new Class<?>[] {NativeFs.LibC.class}, (proxy, m, args) -> {
                    if (m.getName().equals("syncfs") && calls.incrementAndGet() >= first) {
                        throw new LastErrorException(5);
                    }
                    try {
                        return m.invoke(libc, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new CopyJob(
                new CopyRequest(items, options()),
                CopyJob.Settings.defaults(Durability.SYNCFS_BATCH),
                Optional.of(new NativeFs(failing)),
                name -> Optional.empty(),
                new ActiveTemps());
    }

    @Test
    void aDirectoryThatAppearedAtTheNameMeanwhileIsNeitherReplacedNorMergedInto() throws Exception {
        List<CopyItem> items = newTree();
        Path appeared = dst.resolve("new");
        Copier userMakesTheDirectory = before(() -> {
            if (!Files.exists(appeared)) {
                write(appeared.resolve("mine.txt"), "the user's", T2);
            }
        });
        CopyJob job = copyJob(items, options(), Durability.SYNCFS_BATCH, userMakesTheDirectory);

        JobResult r = job.run(new DirectContext());

        assertEquals(List.of("/", "mine.txt = the user's"), listing(appeared));
        assertEquals(0, r.itemsSucceeded());
        assertTrue(job.outcomes().stream().allMatch(o -> o.reason().equals(TransferReasons.CHANGED_SINCE_PLAN)));
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void aJobCancelledWhileTheTreeIsBuiltLeavesNoPartOfIt() throws Exception {
        List<CopyItem> items = newTree();
        DirectContext ctx = new DirectContext();
        CopyJob job = copyJob(
                items,
                options().withParallel(1),
                new CopyJob.Settings(Durability.SYNCFS_BATCH, 1, 128L << 20, before(() -> ctx.cancelled = true)));

        job.run(ctx);

        assertFalse(Files.exists(dst.resolve("new"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(job.outcomes().stream().noneMatch(ItemOutcome::done));
        assertTrue(job.outcomes().stream().anyMatch(o -> o.reason().equals(TransferReasons.CANCELLED)));
        assertEquals(List.of(), temps(dst));
    }

    @Test
    void everyFileOfTheTreeIsAnnouncedWithItsWitnessReadAtItsFinalName() throws Exception {
        write(src.resolve("new/a.txt"), "alpha", T1);
        write(src.resolve("new/sub/b.txt"), "beta", T1);
        List<CopyItem> items = itemsOf(src.resolve("new")).stream()
                .map(i -> Files.isRegularFile(i.source())
                        ? new CopyItem(i.source(), i.target(), Optional.empty(), Optional.of(sha256(i.source())))
                        : i)
                .toList();
        Map<Path, Witness> announced = new ConcurrentHashMap<>();

        JobResult r = new CopyJob(
                        new CopyRequest(items, options())
                                .reportingTo((file, witness, hash) -> announced.put(file, witness)),
                        CopyJob.Settings.defaults(Durability.SYNCFS_BATCH),
                        NativeFs.load(),
                        name -> Optional.empty(),
                        new ActiveTemps())
                .run(new DirectContext());

        assertEquals(List.of(), r.errors());
        assertEquals(
                Map.of(
                        dst.resolve("new/a.txt"),
                        Witness.read(dst.resolve("new/a.txt")).orElseThrow(),
                        dst.resolve("new/sub/b.txt"),
                        Witness.read(dst.resolve("new/sub/b.txt")).orElseThrow()),
                announced);
    }

    @Test
    void filesAndBytesAreCountedAsWhenTheyLandOneByOne() throws Exception {
        List<CopyItem> items = newTree();

        JobResult r = copyJob(items, options()).run(new DirectContext());

        assertEquals(items.size(), r.itemsSucceeded());
        assertEquals("alpha".length() + "beta".length(), r.bytes());
    }

    @Test
    void startupCleanupRemovesALeftoverStagingDirectory() throws Exception {
        Path staging = Files.createDirectories(Layout.tmp(dst).resolve("0b1e-d1/sub"));
        write(staging.resolve("half.txt"), "half", T1);

        var report = TransferServiceImpl.clean(dst, new ActiveTemps(), List.of());

        assertEquals(1, report.tempFilesRemoved());
        assertEquals(List.of(), temps(dst));
    }

    private static ContentHash sha256(Path file) {
        try {
            return ContentHash.sha256(HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Path, ItemOutcome> outcomesByTarget(CopyJob job) {
        Map<Path, ItemOutcome> m = new java.util.HashMap<>();
        job.outcomes().forEach(o -> m.put(o.path(), o));
        return m;
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** Lets the temp directory's cleanup remove read-only test directories. */
    private static void writable(Path... dirs) throws IOException {
        for (Path d : dirs) {
            if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }
}
