package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.filesync.api.ConduitOptions;
import org.filesync.api.Generation;
import org.filesync.api.SyncHandle;
import org.filesync.resolver.Side;
import org.filesync.transfer.TransferJob;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Moves and renames in mirror mode, in the real container with real files: what only moved in the
 * source is renamed in the target (the same inodes, no byte copied), not copied again and deleted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MovesIT extends FileSyncTestSupport {

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static void assertMovedOnly(Generation generation, long moves) {
        assertVerified(generation);
        assertEquals(moves, generation.filesMoved());
        assertEquals(0, generation.filesCopied());
        assertEquals(0, generation.filesDeleted());
        assertEquals(0, generation.bytes());
    }

    @Test
    public void aRenamedFileIsRenamedInTheTargetAndTheShellShowsTheMove() throws Exception {
        Pair pair = agreed(ConduitOptions.defaults(), "old.txt", "other.txt");
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
        assertEquals(1, fileSync.history(pair.conduit().id()).get(0).filesMoved());
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aFileMovedIntoANewDirectoryIsRenamedThere() throws Exception {
        Pair pair = agreed(ConduitOptions.defaults(), "photo.jpg", "keep.txt");
        Object inode = inode(pair.t("photo.jpg"));
        Files.createDirectories(pair.s("sorted/2024"));
        Files.move(pair.s("photo.jpg"), pair.s("sorted/2024/photo.jpg"));

        Generation generation = syncVerified(pair);

        assertVerified(generation);
        assertEquals(1, generation.filesMoved());
        assertEquals(0, generation.filesCopied());
        assertEquals(inode, inode(pair.t("sorted/2024/photo.jpg")));
        assertFalse(Files.exists(pair.t("photo.jpg"), LinkOption.NOFOLLOW_LINKS));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aFileMovedToAnotherExistingDirectoryIsRenamedThere() throws Exception {
        Pair pair = agreed(ConduitOptions.defaults(), "inbox/letter.txt", "archive/older.txt");
        Object inode = inode(pair.t("inbox/letter.txt"));
        Files.move(pair.s("inbox/letter.txt"), pair.s("archive/letter.txt"));

        Generation generation = syncVerified(pair);

        assertMovedOnly(generation, 1);
        assertEquals(inode, inode(pair.t("archive/letter.txt")));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aDirectoryOfAThousandFilesRenamedIsOneRenameThatKeepsEveryInode() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (int i = 0; i < 1000; i++) {
            write(source.resolve(String.format("album/%02d/photo-%04d.jpg", i % 10, i)), "pixels " + i, OLD);
        }
        Pair pair = agree(source, target, ConduitOptions.defaults(), 1000);
        Map<String, Object> inodes = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String name = String.format("%02d/photo-%04d.jpg", i % 10, i);
            inodes.put(name, inode(pair.t("album/" + name)));
        }
        Files.move(pair.s("album"), pair.s("renamed album"));

        // max-delete (50 %) would refuse deleting every file of the target: a move is no delete
        Generation generation = syncVerified(pair);

        assertMovedOnly(generation, 1);
        assertFalse(Files.exists(pair.t("album"), LinkOption.NOFOLLOW_LINKS));
        for (Map.Entry<String, Object> file : inodes.entrySet()) {
            assertEquals(file.getKey(), file.getValue(), inode(pair.t("renamed album/" + file.getKey())));
        }
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void oneOfTwoIdenticalFilesRenamedIsMovedFromTheOnlyOldNameThatWent() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("a.txt"), "same", OLD);
        write(source.resolve("b.txt"), "same", OLD);
        Pair pair = agree(source, target, ConduitOptions.defaults(), 2);
        Object inode = inode(pair.t("b.txt"));
        Files.move(pair.s("b.txt"), pair.s("c.txt"));

        Generation generation = syncVerified(pair);

        assertMovedOnly(generation, 1);
        assertEquals(inode, inode(pair.t("c.txt")));
        assertEquals("same", Files.readString(pair.t("a.txt")));
        assertFalse(Files.exists(pair.t("b.txt"), LinkOption.NOFOLLOW_LINKS));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aMoveThatCannotBeDoneIsCopiedTheOldPathKeptAndReportedAndTheNextRunConverges() throws Exception {
        Pair pair = agreed(ConduitOptions.defaults(), "locked/report.txt", "other.txt");
        Files.createDirectories(pair.s("filed"));
        Files.move(pair.s("locked/report.txt"), pair.s("filed/report.txt"));
        makeUnwritable(pair.t("locked")); // nothing can be renamed out of it, nor removed from it

        Generation failed = sync(pair.conduit());

        assertEquals(failed.errors().toString(), Generation.Phase.FAILED, failed.phase());
        assertTrue(failed.errors().toString(), failed.errors().toString().contains("report.txt"));
        assertEquals(0, failed.filesMoved());
        assertEquals(1, failed.filesCopied());
        assertEquals("locked/report.txt", Files.readString(pair.t("filed/report.txt")));
        assertEquals("locked/report.txt", Files.readString(pair.t("locked/report.txt")));

        makeWritableAgain(pair.t("locked"));
        Generation converged = syncVerified(pair);

        assertEquals(1, converged.filesDeleted());
        assertFalse(Files.exists(pair.t("locked/report.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("locked/report.txt", Files.readString(pair.t("filed/report.txt")));
        assertNothingPlanned(pair.conduit());
    }

    @Test
    public void aRenamedAndEditedFileIsCopiedAndTheOldNameDeleted() throws Exception {
        Pair pair = agreed(ConduitOptions.defaults(), "draft.txt", "other.txt");
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
    public void aMoveWhoseOldPathChangedAfterThePlanKeepsTheChangeReportsItAndTheNextRunConverges() throws Exception {
        Pair pair = agreed(ConduitOptions.defaults(), "old.txt", "other.txt");
        Files.move(pair.s("old.txt"), pair.s("new.txt"));
        Generation failed;
        try (HeldJobs held = new HeldJobs(bundleContext)) {
            SyncHandle run = fileSync.syncNow(pair.conduit().id(), false);
            // planned, and the job that moves old.txt is queued behind the gate: the user edits the old path now
            awaitCondition("the run's copy job to wait behind the gate", () -> held.holds(TransferJob.COPY_TYPE));
            write(pair.t("old.txt"), "edited in the target after the plan", NEWER);
            held.release();
            failed = run.await(RUN_TIMEOUT);
        }

        assertEquals(failed.errors().toString(), Generation.Phase.FAILED, failed.phase());
        assertTrue(failed.errors().toString(), failed.errors().toString().contains("old.txt"));
        assertEquals(0, failed.filesMoved());
        assertEquals(1, failed.filesCopied());
        assertEquals("old.txt", Files.readString(pair.t("new.txt")));
        assertEquals("edited in the target after the plan", Files.readString(pair.t("old.txt")));

        Generation converged = syncVerified(pair);

        assertEquals(1, converged.filesDeleted());
        assertFalse(Files.exists(pair.t("old.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(
                "the mirror's delete keeps the edit in the trash",
                "edited in the target after the plan",
                Files.readString(pair.trash(Side.TARGET, converged, "old.txt")));
        assertEquals("old.txt", Files.readString(pair.t("new.txt")));
        assertNothingPlanned(pair.conduit());
    }
}
