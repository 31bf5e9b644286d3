package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.FileSyncService;
import org.filesync.api.Generation;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncProgress;
import org.filesync.api.SyncRefusedException;
import org.filesync.index.FileIndex;
import org.filesync.jobs.JobManager;
import org.filesync.jobs.JobState;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The run engine in the real container (docs/run.md): type swaps in every direction converge in
 * one verified generation in both modes, a displacement stops at an entry a user added after
 * planning, one run per conduit from the moment it is requested, and configuration edits never
 * fail a run.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RunEngineIT extends FileSyncTestSupport {
    private static final FileTime NEWEST = FileTime.from(Instant.parse("2022-01-01T00:00:00Z"));

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected JobManager jobManager;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected FileIndex index;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected ConfigurationAdmin configurationAdmin;

    // --- type swaps ---

    @Test
    public void everyTypeSwapInAMirrorConvergesInOneVerifiedGenerationWithTheDisplacedContentInTheTrash()
            throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        swapFixture(source);
        Conduit conduit = create(source, target, "mirror", "newest-wins");
        assertVerified(sync(conduit));

        swapTypes(source);
        Generation swapped = sync(conduit);

        assertVerified(swapped);
        assertSwapped(target);
        Path trash = target.resolve(".filesync/trash/" + swapped.number());
        assertEquals("f", Files.readString(trash.resolve("dir2file/sub/f.txt")));
        assertEquals("g", Files.readString(trash.resolve("dir2file/sub/deeper/g.txt")));
        assertTrue(Files.isSymbolicLink(trash.resolve("dir2file/sub/link")));
        assertTrue(Files.isDirectory(trash.resolve("dir2file/sub/empty")));
        assertEquals("x", Files.readString(trash.resolve("nested/a/b/c/d/x.txt")));
        assertEquals("file", Files.readString(trash.resolve("file2dir")));
        assertTrue(Files.isSymbolicLink(trash.resolve("link2dir")));
        assertEquals("e", Files.readString(trash.resolve("dir2link/e.txt")));
        assertNothingPlanned(conduit);
    }

    @Test
    public void everyTypeSwapOnEitherEndOfABidirectionalConduitConvergesInOneVerifiedGeneration() throws Exception {
        for (boolean onSource : new boolean[] {true, false}) {
            Path source = newDirectory("src");
            Path target = newDirectory("dst");
            swapFixture(source);
            Conduit conduit = create(source, target, "bidirectional", "newest-wins");
            assertVerified(sync(conduit));

            Path changed = onSource ? source : target;
            Path other = onSource ? target : source;
            swapTypes(changed);
            Generation swapped = sync(conduit);

            assertVerified(swapped);
            assertEquals(0, swapped.conflicts());
            assertSwapped(other);
            Path trash = other.resolve(".filesync/trash/" + swapped.number());
            assertEquals("f", Files.readString(trash.resolve("dir2file/sub/f.txt")));
            assertEquals("x", Files.readString(trash.resolve("nested/a/b/c/d/x.txt")));
            assertEquals("e", Files.readString(trash.resolve("dir2link/e.txt")));
            assertNothingPlanned(conduit);
        }
    }

    @Test
    public void aFileAgainstAPopulatedDirectoryConvergesUnderEveryStrategy() throws Exception {
        for (String strategy : List.of("newest-wins", "source-wins", "target-wins", "conflict-file")) {
            Path source = newDirectory("src");
            Path target = newDirectory("dst");
            write(source.resolve("x"), "agreed", OLD);
            write(source.resolve("keep.txt"), "keep", OLD);
            Conduit conduit = create(source, target, "bidirectional", strategy);
            assertVerified(sync(conduit));
            // the source edits the file, the target replaces it with a directory holding a tree
            write(source.resolve("x"), "source edit", NEWEST);
            Files.delete(target.resolve("x"));
            write(Files.createDirectories(target.resolve("x/sub/deeper")).resolve("deep.txt"), "deep", OLD);
            write(target.resolve("x/in.txt"), "in", OLD);
            Files.createSymbolicLink(target.resolve("x/sub/link"), Path.of("../in.txt"));
            Files.createDirectories(target.resolve("x/empty"));
            Files.setLastModifiedTime(target.resolve("x"), OLD); // older than the source's edit

            Generation generation = sync(conduit);

            assertVerified(generation);
            assertEquals(strategy, 1, generation.conflicts());
            // conflict-file keeps the directory and the file beside it as the conflict copy
            boolean fileWins = strategy.equals("newest-wins") || strategy.equals("source-wins");
            for (Path end : List.of(source, target)) {
                assertEquals(
                        strategy + ": the winner at both ends",
                        fileWins,
                        Files.isRegularFile(end.resolve("x"), LinkOption.NOFOLLOW_LINKS));
            }
            Path loserEnd = fileWins ? target : source;
            Path trash = loserEnd.resolve(".filesync/trash/" + generation.number());
            if (fileWins) {
                assertEquals("source edit", Files.readString(target.resolve("x")));
                assertTrue(
                        strategy + ": the displaced tree is kept",
                        Files.readString(findIn(target, "deep.txt")).equals("deep"));
            } else if (strategy.equals("conflict-file")) {
                assertEquals("deep", Files.readString(source.resolve("x/sub/deeper/deep.txt")));
                for (Path end : List.of(source, target)) {
                    assertEquals("source edit", Files.readString(conflictCopyOfX(end)));
                }
            } else {
                assertEquals("deep", Files.readString(source.resolve("x/sub/deeper/deep.txt")));
                assertEquals("source edit", Files.readString(trash.resolve("x")));
            }
            assertNothingPlanned(conduit);
        }
    }

    @Test
    public void aFileAUserAddsInsideADirectoryAfterPlanningStopsItsDisplacementAndTheNextRunConverges()
            throws Exception {
        // A slow run of another conduit holds the only job slot, so the displacement waits in the queue.
        Path slowSource = newDirectory("slow-src");
        Files.write(slowSource.resolve("slow.bin"), randomBytes(1_500_000, 3));
        Conduit slow = fileSync.createConduit(new ConduitSpec(
                slowSource.toString(),
                newDirectory("slow-dst").toString(),
                ConduitOptions.defaults().withBandwidthLimit(200_000)));
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(Files.createDirectories(source.resolve("dir/sub")).resolve("f.txt"), "f", OLD);
        Conduit conduit = create(source, target, "mirror", "newest-wins");
        assertVerified(sync(conduit));
        deleteTree(source.resolve("dir/sub"));
        write(source.resolve("dir/sub"), "now a file", OLD);

        Configuration jobs = configurationAdmin.getConfiguration("org.filesync.jobs", null);
        Dictionary<String, Object> before = jobs.getProperties();
        try {
            update(jobs, Map.of("maxConcurrent", 1));
            SyncHandle slowRun = fileSync.syncNow(slow.id(), false);
            awaitCondition("the slow copy to run", () -> jobManager.active().stream()
                    .anyMatch(job -> job.state() == JobState.RUNNING));
            SyncHandle run = fileSync.syncNow(conduit.id(), false);
            awaitCondition("the displacement to wait in the queue", () -> jobManager.active().stream()
                    .anyMatch(job ->
                            job.state() == JobState.QUEUED && job.description().contains(target.toString())));
            write(target.resolve("dir/sub/added-by-user.txt"), "mine", OLD);

            Generation stopped = run.await(RUN_TIMEOUT);
            assertEquals(Generation.Phase.FAILED, stopped.phase());
            assertEquals(0, stopped.filesCopied());
            assertEquals(0, stopped.filesDeleted());
            assertTrue(stopped.errors().toString(), stopped.errors().get(0).contains("displacement"));
            assertTrue(
                    stopped.errors().toString(),
                    stopped.errors().stream().anyMatch(error -> error.contains("added-by-user.txt")));
            assertEquals("mine", Files.readString(target.resolve("dir/sub/added-by-user.txt")));
            assertEquals(Generation.Phase.COMPLETED, slowRun.await(RUN_TIMEOUT).phase());
        } finally {
            restore(jobs, before);
        }

        Generation next = sync(conduit);
        assertVerified(next);
        assertEquals("now a file", Files.readString(target.resolve("dir/sub")));
        Path trash = target.resolve(".filesync/trash/" + next.number());
        assertEquals("mine", Files.readString(trash.resolve("dir/sub/added-by-user.txt")));
        assertNothingPlanned(conduit);
    }

    // --- one run per conduit ---

    @Test
    public void aSecondRequestIsRefusedWhileTheRunSettlesAndStatusShowsTheSettlingRun() throws Exception {
        Path source = newDirectory("src");
        // the run settles first on the source's first scan, then on the writer's events: a loaded machine
        // that lets the index catch up with the writer for a moment still leaves the scan to wait for
        for (int i = 0; i < 4000; i++) {
            Files.writeString(
                    Files.createDirectories(source.resolve("d" + (i / 100))).resolve("f" + i), "x" + i);
        }
        Conduit conduit = create(source, newDirectory("dst"), "mirror", "newest-wins");
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = keepWriting(source.resolve("busy"), writing);
        CompletableFuture<SyncHandle> first =
                CompletableFuture.supplyAsync(() -> fileSync.syncNow(conduit.id(), false));
        try {
            awaitPhase(conduit, Generation.Phase.SETTLING);
            assertRefused(conduit);
            String status = executeOk("filesync:status " + conduit.id());
            assertTrue(status, status.contains("settling"));
        } finally {
            writing.set(false);
            writer.join();
        }
        assertVerified(first.join().await(RUN_TIMEOUT));
        assertEquals(
                "the refused requests made no generation",
                1,
                fileSync.history(conduit.id()).size());
    }

    @Test
    public void aSecondRequestIsRefusedWhileTheRunCopiesAndWhileItVerifies() throws Exception {
        Path source = newDirectory("src");
        Files.write(source.resolve("slow.bin"), randomBytes(1_000_000, 5));
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                newDirectory("dst").toString(),
                ConduitOptions.defaults().withBandwidthLimit(250_000)));
        SyncHandle run = fileSync.syncNow(conduit.id(), false);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = null;
        try {
            awaitPhase(conduit, Generation.Phase.COPYING);
            assertRefused(conduit);
            // a user writing into the source keeps the index unsettled: the verification waits for it
            writer = keepWriting(source.resolve("busy"), writing);
            awaitPhase(conduit, Generation.Phase.VERIFYING);
            assertRefused(conduit);
        } finally {
            writing.set(false);
            if (writer != null) {
                writer.join();
            }
        }
        Generation generation = run.await(RUN_TIMEOUT);
        assertEquals(Generation.Phase.COMPLETED, generation.phase());
        assertEquals(1, generation.filesCopied());
        assertEquals(
                "the refused requests made no generation",
                1,
                fileSync.history(conduit.id()).size());
    }

    // --- configuration ---

    @Test
    public void editingEveryFilesyncConfigurationFileDuringARunLeavesItToFinishVerified() throws Exception {
        Path source = newDirectory("src");
        Files.write(source.resolve("slow.bin"), randomBytes(1_500_000, 7));
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                newDirectory("dst").toString(),
                ConduitOptions.defaults().withBandwidthLimit(200_000)));
        long service = serviceId(FileSyncService.class);
        long indexService = serviceId(FileIndex.class);
        SyncHandle run = fileSync.syncNow(conduit.id(), false);
        awaitPhase(conduit, Generation.Phase.COPYING);

        Path etc = Path.of(System.getProperty("karaf.etc"));
        Map<String, Map<String, String>> edits = Map.of(
                "org.filesync.index", Map.of("debounceMillis", "120"),
                "org.filesync.service", Map.of("settle.timeout.seconds", "31"),
                "org.filesync.jobs", Map.of("maxConcurrent", "5"),
                "org.filesync.transfer", Map.of("batchFiles", "999"),
                "org.filesync.transfer.delete.trash", Map.of("retentionDays", "29"));
        for (Map.Entry<String, Map<String, String>> edit : edits.entrySet()) {
            StringBuilder lines = new StringBuilder();
            edit.getValue()
                    .forEach((key, value) ->
                            lines.append(key).append(" = ").append(value).append('\n'));
            Files.writeString(etc.resolve(edit.getKey() + ".cfg"), lines.toString());
        }
        for (Map.Entry<String, Map<String, String>> edit : edits.entrySet()) {
            Map.Entry<String, String> property =
                    edit.getValue().entrySet().iterator().next();
            awaitCondition(edit.getKey() + " to be applied", () -> {
                try {
                    Configuration configuration = configurationAdmin.getConfiguration(edit.getKey(), null);
                    Dictionary<String, Object> properties = configuration.getProperties();
                    return properties != null
                            && property.getValue().equals(String.valueOf(properties.get(property.getKey())));
                } catch (IOException e) {
                    return false;
                }
            });
        }
        assertFalse(
                "the run is still under way once every edit is applied",
                run.completion().toCompletableFuture().isDone());

        assertVerified(run.await(RUN_TIMEOUT));
        assertEquals("the service was not restarted", service, serviceId(FileSyncService.class));
        assertEquals("the index was not restarted", indexService, serviceId(FileIndex.class));
        assertNothingPlanned(conduit);
    }

    // --- helpers ---

    /** Entries that each change type in {@link #swapTypes}. */
    private static void swapFixture(Path end) throws IOException {
        Path sub = Files.createDirectories(end.resolve("dir2file/sub/deeper"));
        write(end.resolve("dir2file/sub/f.txt"), "f", OLD);
        write(sub.resolve("g.txt"), "g", OLD);
        Files.createSymbolicLink(end.resolve("dir2file/sub/link"), Path.of("f.txt"));
        Files.createDirectories(end.resolve("dir2file/sub/empty"));
        write(Files.createDirectories(end.resolve("nested/a/b/c/d")).resolve("x.txt"), "x", OLD);
        write(end.resolve("file2dir"), "file", OLD);
        Files.createSymbolicLink(end.resolve("link2dir"), Path.of("file2dir"));
        write(Files.createDirectories(end.resolve("dir2link")).resolve("e.txt"), "e", OLD);
        write(end.resolve("keep.txt"), "keep", OLD);
    }

    /** Directory to file, nested directory to file, file to directory, symlink to directory and back. */
    private static void swapTypes(Path end) throws IOException {
        deleteTree(end.resolve("dir2file/sub"));
        write(end.resolve("dir2file/sub"), "now a file", NEWEST);
        deleteTree(end.resolve("nested/a/b"));
        write(end.resolve("nested/a/b"), "b is a file", NEWEST);
        Files.delete(end.resolve("file2dir"));
        write(Files.createDirectories(end.resolve("file2dir/a")).resolve("b.txt"), "in a new dir", NEWEST);
        Files.delete(end.resolve("link2dir"));
        write(Files.createDirectories(end.resolve("link2dir")).resolve("c.txt"), "was a link", NEWEST);
        deleteTree(end.resolve("dir2link"));
        Files.createSymbolicLink(end.resolve("dir2link"), Path.of("keep.txt"));
    }

    private static void assertSwapped(Path end) throws IOException {
        assertEquals("now a file", Files.readString(end.resolve("dir2file/sub")));
        assertEquals("b is a file", Files.readString(end.resolve("nested/a/b")));
        assertEquals("in a new dir", Files.readString(end.resolve("file2dir/a/b.txt")));
        assertFalse(Files.isSymbolicLink(end.resolve("link2dir")));
        assertEquals("was a link", Files.readString(end.resolve("link2dir/c.txt")));
        assertTrue(Files.isSymbolicLink(end.resolve("dir2link")));
        assertEquals(Path.of("keep.txt"), Files.readSymbolicLink(end.resolve("dir2link")));
    }

    private Conduit create(Path source, Path target, String mode, String strategy) {
        return fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults()
                        .withMode(mode)
                        .withConflictStrategy(strategy)
                        .withMaxDeletePercent(100)));
    }

    /** A second request through the API and through the shell is refused with the one-line error. */
    private void assertRefused(Conduit conduit) {
        int generations = fileSync.history(conduit.id()).size();
        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(
                refused.getMessage(),
                refused.getMessage().startsWith("Conduit " + conduit.id() + " is already syncing"));
        CommandResult shell = execute("filesync:sync " + conduit.id());
        assertNotNull("the shell refuses as well: " + shell.output(), shell.error());
        assertTrue(shell.errorMessage(), shell.errorMessage().contains("is already syncing"));
        assertEquals(
                "a refused request changes nothing",
                generations,
                fileSync.history(conduit.id()).size());
    }

    private void awaitPhase(Conduit conduit, Generation.Phase phase) throws InterruptedException {
        awaitCondition("conduit " + conduit.id() + " to be " + phase, () -> fileSync.activeRuns().stream()
                .filter(run -> run.conduitId() == conduit.id())
                .map(SyncProgress::phase)
                .anyMatch(phase::equals));
    }

    /** Writes a new small file into {@code directory} every 20 ms until told to stop. */
    private static CompletableFuture<Void> keepWriting(Path directory, AtomicBoolean writing) throws IOException {
        Files.createDirectories(directory);
        AtomicInteger count = new AtomicInteger();
        return CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                try {
                    Files.writeString(directory.resolve("f" + count.incrementAndGet()), "busy");
                    Thread.sleep(20); // the pace of a user's writes, not a wait for an event
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    private long serviceId(Class<?> type) {
        ServiceReference<?> reference = bundleContext.getServiceReference(type);
        return (Long) reference.getProperty("service.id");
    }

    private static void update(Configuration configuration, Map<String, Object> values) throws IOException {
        Dictionary<String, Object> properties =
                configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        values.forEach(properties::put);
        configuration.update(properties);
    }

    private static void restore(Configuration configuration, Dictionary<String, Object> before) throws IOException {
        if (before == null) {
            configuration.delete();
        } else {
            configuration.update(before);
        }
    }

    private static Path conflictCopyOfX(Path end) throws IOException {
        try (var entries = Files.list(end)) {
            return entries.filter(path -> path.getFileName().toString().matches("x \\(conflict .* from source\\)"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no conflict copy of x in " + end));
        }
    }

    private static Path findIn(Path end, String name) throws IOException {
        try (var files = Files.walk(end)) {
            return files.filter(path -> path.getFileName().toString().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not found under " + end));
        }
    }
}
