package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.filesync.api.ConduitOptions;
import org.filesync.api.Generation;
import org.filesync.api.SyncHandle;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Side;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineStore;
import org.filesync.transfer.TransferJob;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * Moves and renames in bidirectional mode, in the real container with real files: what one end only
 * moved since the baseline is renamed on the other end (the same inodes, no byte copied), whichever
 * end moved it; a move against an edit of the old path on the other end keeps both.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BidirectionalMovesIT extends FileSyncTestSupport {

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    private BaselineStore baselines;

    /** The baseline the conduit stored, by path. */
    private Map<String, EntryFacts> baseline(Pair pair) {
        Map<String, EntryFacts> all = new TreeMap<>();
        try (BaselineReader reader = baselines.openBaseline(pair.conduit().id())) {
            reader.all().forEach(agreed -> all.put(agreed.path(), agreed.facts()));
        }
        return all;
    }

    private static ConduitOptions bidirectional() {
        return ConduitOptions.defaults()
                .withMode("bidirectional")
                .withConflictStrategy("newest-wins")
                .withMaxDeletePercent(100);
    }

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static void assertMovedOnly(Generation generation, long moves) {
        assertVerified(generation);
        assertEquals(moves, generation.filesMoved());
        assertEquals(0, generation.filesCopied());
        assertEquals(0, generation.filesDeleted());
        assertEquals(0, generation.conflicts());
        assertEquals(0, generation.bytes());
    }

    @Test
    public void aFileRenamedInTheSourceIsRenamedInTheTarget() throws Exception {
        Pair pair = agreed(bidirectional(), "old.txt", "other.txt");
        Object inode = inode(pair.t("old.txt"));
        Files.move(pair.s("old.txt"), pair.s("new.txt"));

        String dryRun = executeOk("filesync:sync --dry-run " + pair.conduit().id());
        assertTrue(dryRun, dryRun.contains("move old.txt -> new.txt"));
        String output = executeOk("filesync:sync --wait " + pair.conduit().id());

        assertTrue(
                output,
                Pattern.compile("(?m)^generation=2 copied=0 deleted=0 moved=1 conflicts=0 bytes=0 .* status=verified$")
                        .matcher(output)
                        .find());
        assertFalse(Files.exists(pair.t("old.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("old.txt", Files.readString(pair.t("new.txt")));
        assertEquals(inode, inode(pair.t("new.txt")));
        Map<String, EntryFacts> agreed = baseline(pair);
        assertEquals(agreed.toString(), Set.of("new.txt", "other.txt"), agreed.keySet());
        assertEquals(
                Optional.of(sha256("old.txt".getBytes(StandardCharsets.UTF_8))),
                agreed.get("new.txt").hash());
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aFileMovedToAnotherDirectoryInTheTargetIsMovedInTheSource() throws Exception {
        Pair pair = agreed(bidirectional(), "inbox/letter.txt", "archive/older.txt");
        Object inode = inode(pair.s("inbox/letter.txt"));
        Files.move(pair.t("inbox/letter.txt"), pair.t("archive/letter.txt"));

        Generation generation = syncVerified(pair);

        assertMovedOnly(generation, 1);
        assertFalse(Files.exists(pair.s("inbox/letter.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("inbox/letter.txt", Files.readString(pair.s("archive/letter.txt")));
        assertEquals(inode, inode(pair.s("archive/letter.txt")));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aDirectoryOfAThousandFilesRenamedInTheTargetIsOneRenameInTheSourceThatKeepsEveryInode()
            throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (int i = 0; i < 1000; i++) {
            write(source.resolve(String.format("album/%02d/photo-%04d.jpg", i % 10, i)), "pixels " + i, OLD);
        }
        // max-delete at its default (50 %) would refuse deleting every file of the source: a move is no delete
        Pair pair = agree(source, target, bidirectional().withMaxDeletePercent(50), 1000);
        Map<String, Object> inodes = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String name = String.format("%02d/photo-%04d.jpg", i % 10, i);
            inodes.put(name, inode(pair.s("album/" + name)));
        }
        Files.move(pair.t("album"), pair.t("renamed album"));

        Generation generation = syncVerified(pair);

        assertMovedOnly(generation, 1);
        assertFalse(Files.exists(pair.s("album"), LinkOption.NOFOLLOW_LINKS));
        for (Map.Entry<String, Object> file : inodes.entrySet()) {
            assertEquals(file.getKey(), file.getValue(), inode(pair.s("renamed album/" + file.getKey())));
        }
        Map<String, EntryFacts> agreed = baseline(pair);
        assertEquals(1 + 10 + 1000, agreed.size()); // the directory, its ten folders, the files
        for (int i = 0; i < 1000; i++) {
            String path = String.format("renamed album/%02d/photo-%04d.jpg", i % 10, i);
            assertEquals(path, ("pixels " + i).length(), agreed.get(path).size());
        }
        assertTrue(agreed.keySet().stream().allMatch(path -> path.startsWith("renamed album")));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aRenamedAndEditedFileIsCopiedAndTheOldNameDeleted() throws Exception {
        Pair pair = agreed(bidirectional(), "draft.txt", "other.txt");
        Files.move(pair.s("draft.txt"), pair.s("final.txt"));
        write(pair.s("final.txt"), "edited after the rename");

        Generation generation = syncVerified(pair);

        assertEquals(0, generation.filesMoved());
        assertEquals(1, generation.filesCopied());
        assertEquals(1, generation.filesDeleted());
        assertEquals("edited after the rename", Files.readString(pair.t("final.txt")));
        assertFalse(Files.exists(pair.t("draft.txt"), LinkOption.NOFOLLOW_LINKS));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void oneOfTwoIdenticalFilesRenamedInTheTargetIsMovedFromTheOnlyOldNameThatWent() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("a.txt"), "same", OLD);
        write(source.resolve("b.txt"), "same", OLD);
        Pair pair = agree(source, target, bidirectional(), 2);
        Object inode = inode(pair.s("b.txt"));
        Files.move(pair.t("b.txt"), pair.t("c.txt"));

        Generation generation = syncVerified(pair);

        assertMovedOnly(generation, 1);
        assertEquals(inode, inode(pair.s("c.txt")));
        assertEquals("same", Files.readString(pair.s("a.txt")));
        assertFalse(Files.exists(pair.s("b.txt"), LinkOption.NOFOLLOW_LINKS));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aMoveInTheSourceWhileTheTargetEditedTheOldPathKeepsBothVersions() throws Exception {
        Pair pair = agreed(bidirectional(), "notes.txt", "other.txt");
        Files.move(pair.s("notes.txt"), pair.s("renamed notes.txt"));
        write(pair.t("notes.txt"), "edited in the target", NEWER);

        Generation generation = syncVerified(pair);

        assertEquals(0, generation.filesMoved());
        assertEquals(2, generation.filesCopied());
        assertEquals(0, generation.filesDeleted());
        assertEquals(0, generation.conflicts());
        for (Side side : Side.values()) {
            assertEquals(
                    side.name(),
                    "edited in the target",
                    Files.readString(pair.end(side).resolve("notes.txt")));
            assertEquals(
                    side.name(), "notes.txt", Files.readString(pair.end(side).resolve("renamed notes.txt")));
        }
        Map<String, EntryFacts> agreed = baseline(pair);
        assertEquals(
                Optional.of(sha256("edited in the target".getBytes(StandardCharsets.UTF_8))),
                agreed.get("notes.txt").hash());
        assertEquals(
                Optional.of(sha256("notes.txt".getBytes(StandardCharsets.UTF_8))),
                agreed.get("renamed notes.txt").hash());
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aFileMovedIntoADirectoryBeingCreatedIsMovedThere() throws Exception {
        Pair pair = agreed(bidirectional(), "photo.jpg", "keep.txt");
        Object inode = inode(pair.t("photo.jpg"));
        Files.createDirectories(pair.s("sorted/2024"));
        Files.move(pair.s("photo.jpg"), pair.s("sorted/2024/photo.jpg"));

        Generation generation = syncVerified(pair);

        assertEquals(1, generation.filesMoved());
        assertEquals(0, generation.filesCopied());
        assertEquals(0, generation.filesDeleted());
        assertEquals(inode, inode(pair.t("sorted/2024/photo.jpg")));
        assertFalse(Files.exists(pair.t("photo.jpg"), LinkOption.NOFOLLOW_LINKS));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aMoveThatCannotBeDoneIsCopiedTheOldPathKeptAndReportedAndTheNextRunConverges() throws Exception {
        Pair pair = agreed(bidirectional(), "locked/report.txt", "other.txt");
        Files.createDirectories(pair.t("filed"));
        Files.move(pair.t("locked/report.txt"), pair.t("filed/report.txt"));
        makeUnwritable(pair.s("locked")); // nothing can be renamed out of it, nor removed from it

        Generation failed = sync(pair.conduit());

        assertEquals(failed.errors().toString(), Generation.Phase.FAILED, failed.phase());
        assertTrue(failed.errors().toString(), failed.errors().toString().contains("report.txt"));
        assertEquals(0, failed.filesMoved());
        assertEquals(1, failed.filesCopied());
        assertEquals("locked/report.txt", Files.readString(pair.s("filed/report.txt")));
        assertEquals("locked/report.txt", Files.readString(pair.s("locked/report.txt")));

        makeWritableAgain(pair.s("locked"));
        Generation converged = syncVerified(pair);

        assertEquals(1, converged.filesDeleted());
        assertFalse(Files.exists(pair.s("locked/report.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("locked/report.txt", Files.readString(pair.s("filed/report.txt")));
        assertEquals(
                Set.of("filed", "filed/report.txt", "locked", "other.txt"),
                baseline(pair).keySet());
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aMoveWhoseOldPathChangedAfterThePlanKeepsTheChangeReportsItAndTheNextRunKeepsBoth() throws Exception {
        Pair pair = agreed(bidirectional(), "old.txt", "other.txt");
        Files.move(pair.s("old.txt"), pair.s("new.txt"));
        Generation failed;
        try (HeldJobs held = new HeldJobs(bundleContext)) {
            SyncHandle run = fileSync.syncNow(pair.conduit().id(), false);
            // planned, and the job that moves old.txt in the target waits behind the gate: the user edits it now
            awaitCondition("the run's copy job to wait behind the gate", () -> held.holds(TransferJob.COPY_TYPE));
            write(pair.t("old.txt"), "edited in the target after the plan", NEWER);
            held.release();
            failed = run.await(RUN_TIMEOUT);
        }

        assertEquals(failed.errors().toString(), Generation.Phase.FAILED, failed.phase());
        assertTrue(failed.errors().toString(), failed.errors().toString().contains("old.txt"));
        assertEquals(0, failed.filesMoved());
        assertEquals("old.txt", Files.readString(pair.t("new.txt")));
        assertEquals("edited in the target after the plan", Files.readString(pair.t("old.txt")));

        syncVerified(pair); // the edit against the source's deletion of old.txt: newest-wins keeps the edit
        for (Side side : Side.values()) {
            assertEquals(side.name(), "old.txt", Files.readString(pair.end(side).resolve("new.txt")));
            assertEquals(
                    side.name() + ": the edit comes back under the old name",
                    "edited in the target after the plan",
                    Files.readString(pair.end(side).resolve("old.txt")));
        }
        assertNothingPlanned(pair.conduit());
    }
}
