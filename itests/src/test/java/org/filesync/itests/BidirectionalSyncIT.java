package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.Generation;
import org.filesync.api.PathConflict;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncRefusedException;
import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Bidirectional mode end to end (docs/sync-modes.md) in the real container with real files:
 * one test per row of the bidirectional table, one per conflict strategy, the ten-case two-way
 * matrix, directories, renames, the conflict queue and its commands, and a strategy plug-in that
 * comes and goes at runtime. Every test ends with a dry run that plans nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BidirectionalSyncIT extends FileSyncTestSupport {
    private static final FileTime NEWEST = FileTime.from(Instant.parse("2022-01-01T00:00:00Z"));
    private static final Pattern CONFLICT_COPY =
            Pattern.compile("p \\(conflict \\d{4}-\\d{2}-\\d{2} \\d{6} from (source|target)( \\d+)?\\)\\.txt");

    // --- one test per row of the bidirectional table in docs/sync-modes.md ---

    @Test
    public void unchangedOnBothSidesPlansNothing() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt", "b/c.txt");
        assertNothingLeft(pair);
        assertEquals("a.txt", Files.readString(pair.t("a.txt")));
        assertEquals("b/c.txt", Files.readString(pair.s("b/c.txt")));
    }

    @Test
    public void aFileCreatedOrModifiedInTheSourceIsCopiedToTheTarget() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt");
        write(pair.s("a.txt"), "source edit", NEWER);
        write(pair.s("new.txt"), "new in source", NEWER);
        Generation generation = syncVerified(pair);
        assertEquals(2, generation.filesCopied());
        assertEquals(0, generation.conflicts());
        assertEquals("source edit", Files.readString(pair.t("a.txt")));
        assertEquals(NEWER, Files.getLastModifiedTime(pair.t("a.txt")));
        assertEquals("new in source", Files.readString(pair.t("new.txt")));
        assertEquals("a.txt", Files.readString(pair.trash(Side.TARGET, generation, "a.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void aFileCreatedOrModifiedInTheTargetIsCopiedToTheSource() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt");
        write(pair.t("a.txt"), "target edit", NEWER);
        write(Files.createDirectories(pair.t("dir")).resolve("new.txt"), "new in target", NEWER);
        Generation generation = syncVerified(pair);
        assertEquals(2, generation.filesCopied());
        assertEquals("target edit", Files.readString(pair.s("a.txt")));
        assertEquals("new in target", Files.readString(pair.s("dir/new.txt")));
        assertEquals("a.txt", Files.readString(pair.trash(Side.SOURCE, generation, "a.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void aFileDeletedInTheSourceIsDeletedInTheTargetIntoItsTrash() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt", "keep1.txt", "keep2.txt");
        Files.delete(pair.s("a.txt"));
        Generation generation = syncVerified(pair);
        assertEquals(1, generation.filesDeleted());
        assertFalse(Files.exists(pair.t("a.txt")));
        assertEquals("a.txt", Files.readString(pair.trash(Side.TARGET, generation, "a.txt")));
        assertTrue(Files.exists(pair.t("keep1.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void aFileDeletedInTheTargetIsDeletedInTheSourceIntoItsTrash() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt", "keep1.txt", "keep2.txt");
        Files.delete(pair.t("a.txt"));
        Generation generation = syncVerified(pair);
        assertEquals(1, generation.filesDeleted());
        assertFalse(Files.exists(pair.s("a.txt")));
        assertEquals("a.txt", Files.readString(pair.trash(Side.SOURCE, generation, "a.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void aFileDeletedOnBothSidesIsForgottenAndComesBackAsANewFile() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt", "keep.txt");
        Files.delete(pair.s("a.txt"));
        Files.delete(pair.t("a.txt"));
        Generation generation = syncVerified(pair);
        assertEquals(0, generation.filesCopied() + generation.filesDeleted() + generation.conflicts());
        assertNothingLeft(pair);
        // the baseline forgot it: created again on one side, it is a one-sided create, not a deletion
        write(pair.t("a.txt"), "again", NEWER);
        syncVerified(pair);
        assertEquals("again", Files.readString(pair.s("a.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void bothSidesModifiedToTheSameContentIsNotAConflict() throws Exception {
        Pair pair = agreed("prompt", "a.txt");
        write(pair.s("a.txt"), "same edit", NEWER);
        write(pair.t("a.txt"), "same edit", NEWER);
        Generation generation = syncVerified(pair);
        assertEquals(0, generation.conflicts());
        assertEquals(0, generation.filesCopied());
        assertTrue(fileSync.conflicts(pair.conduit().id()).isEmpty());
        assertNothingLeft(pair);
    }

    @Test
    public void bothSidesModifiedDifferentlyIsAConflictTheNewerWins() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt");
        write(pair.s("a.txt"), "older source edit", NEWER);
        write(pair.t("a.txt"), "newer target edit", NEWEST);
        Generation generation = syncVerified(pair);
        assertEquals(1, generation.conflicts());
        assertEquals("newer target edit", Files.readString(pair.s("a.txt")));
        assertEquals("newer target edit", Files.readString(pair.t("a.txt")));
        assertEquals("older source edit", Files.readString(pair.trash(Side.SOURCE, generation, "a.txt")));
        PathConflict recorded = onlyConflict(pair);
        assertEquals("both_modified", recorded.type());
        assertEquals("target", recorded.resolution().orElseThrow());
        assertEquals("newest-wins", recorded.resolvedBy().orElseThrow());
        assertNothingLeft(pair);
    }

    @Test
    public void bothSidesCreatedDifferentlyIsAConflict() throws Exception {
        Pair pair = agreed("newest-wins", "keep.txt");
        write(pair.s("n.txt"), "newer source version", NEWEST);
        write(pair.t("n.txt"), "older target version", NEWER);
        Generation generation = syncVerified(pair);
        assertEquals(1, generation.conflicts());
        assertEquals("newer source version", Files.readString(pair.t("n.txt")));
        assertEquals("older target version", Files.readString(pair.trash(Side.TARGET, generation, "n.txt")));
        assertEquals("both_modified", onlyConflict(pair).type());
        assertNothingLeft(pair);
    }

    @Test
    public void deletedOnOneSideAndModifiedOnTheOtherKeepsTheModificationBothWays() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt", "b.txt", "keep.txt");
        Files.delete(pair.s("a.txt"));
        write(pair.t("a.txt"), "target kept editing a", NEWER);
        write(pair.s("b.txt"), "source kept editing b", NEWER);
        Files.delete(pair.t("b.txt"));
        Generation generation = syncVerified(pair);
        assertEquals(2, generation.conflicts());
        assertEquals(0, generation.filesDeleted());
        assertEquals("target kept editing a", Files.readString(pair.s("a.txt")));
        assertEquals("source kept editing b", Files.readString(pair.t("b.txt")));
        List<PathConflict> conflicts = fileSync.conflicts(pair.conduit().id());
        assertTrue("strategy-resolved conflicts are not pending: " + conflicts, conflicts.isEmpty());
        assertNothingLeft(pair);
    }

    @Test
    public void aDryRunListsEachConflictWithTheStrategysDecisionAndTheRealRunDoesExactlyThat() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt", "b.txt", "keep.txt");
        long id = pair.conduit().id();
        write(pair.s("a.txt"), "older source edit", NEWER);
        write(pair.t("a.txt"), "newer target edit", NEWEST);
        Files.delete(pair.s("b.txt"));
        write(pair.t("b.txt"), "target kept editing b", NEWER);

        String shell = executeOk("filesync:sync --dry-run " + id);
        assertTrue(
                shell,
                shell.contains("conflict  <> a.txt: both_modified, newest-wins: the target's version wins,"
                        + " the source's goes to the trash\n"));
        assertTrue(
                shell,
                shell.contains("conflict  <> b.txt: deleted_vs_modified, newest-wins: the target's version wins"
                        + " and comes back to the source\n"));
        assertTrue(shell, shell.contains(", 2 conflicts, "));
        SyncPlan dryRun = fileSync.dryRun(id);
        assertEquals(
                List.of("a.txt both_modified target", "b.txt deleted_vs_modified target"),
                dryRun.conflictPlans().stream()
                        .map(conflict -> conflict.path() + " " + conflict.type() + " " + conflict.resolution())
                        .toList());
        assertEquals("older source edit", Files.readString(pair.s("a.txt")));
        assertFalse(Files.exists(pair.s("b.txt")));
        assertEquals(1, fileSync.history(id).size());

        SyncHandle run = fileSync.syncNow(id, false);
        assertEquals(dryRun.conflictPlans(), run.plan().conflictPlans());
        Generation generation = run.await(RUN_TIMEOUT);
        assertEquals(Generation.VERIFIED, generation.verification());
        assertEquals(2, generation.conflicts());
        List<PathConflict> recorded = fileSync.conflictHistory(id).stream()
                .filter(conflict -> conflict.generation() == generation.number())
                .toList();
        assertEquals(
                List.of("a.txt both_modified target newest-wins", "b.txt deleted_vs_modified target newest-wins"),
                recorded.stream()
                        .map(conflict -> conflict.path() + " " + conflict.type() + " "
                                + conflict.resolution().orElseThrow() + " "
                                + conflict.resolvedBy().orElseThrow())
                        .toList());
        assertEquals("newer target edit", Files.readString(pair.s("a.txt")));
        assertEquals("older source edit", Files.readString(pair.trash(Side.SOURCE, generation, "a.txt")));
        assertEquals("target kept editing b", Files.readString(pair.s("b.txt")));
        assertEquals("target kept editing b", Files.readString(pair.t("b.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void aFileAgainstADirectoryIsATypeMismatch() throws Exception {
        Pair pair = agreed("newest-wins", "x", "keep.txt");
        Files.delete(pair.s("x"));
        write(Files.createDirectories(pair.s("x")).resolve("inner.txt"), "inside", NEWEST);
        Files.setLastModifiedTime(pair.s("x"), NEWEST);
        write(pair.t("x"), "target's file edit", NEWER);
        Generation generation = syncVerified(pair);
        assertEquals(1, generation.conflicts());
        assertTrue(Files.isDirectory(pair.t("x")));
        assertEquals("inside", Files.readString(pair.t("x/inner.txt")));
        assertEquals("target's file edit", Files.readString(pair.trash(Side.TARGET, generation, "x")));
        assertEquals("type_mismatch", onlyConflict(pair).type());
        assertNothingLeft(pair);
    }

    @Test
    public void theFirstRunUnionsBothSidesAndNeverDeletes() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("only-source.txt"), "s", OLD);
        write(target.resolve("only-target.txt"), "t", OLD);
        write(source.resolve("same.txt"), "same", OLD);
        write(target.resolve("same.txt"), "same", OLD);
        write(source.resolve("differs.txt"), "source side", NEWEST);
        write(target.resolve("differs.txt"), "target side", NEWER);
        Pair pair = new Pair(source, target, create(source, target, "newest-wins"));
        Generation generation = syncVerified(pair);
        assertEquals(0, generation.filesDeleted());
        assertEquals(1, generation.conflicts());
        assertEquals("s", Files.readString(target.resolve("only-source.txt")));
        assertEquals("t", Files.readString(source.resolve("only-target.txt")));
        assertEquals("source side", Files.readString(target.resolve("differs.txt")));
        assertEquals("target side", Files.readString(pair.trash(Side.TARGET, generation, "differs.txt")));
        assertNothingLeft(pair);
    }

    // --- strategies ---

    @Test
    public void newestWinsGivesATieToTheSource() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt");
        write(pair.s("a.txt"), "source at the same time", NEWER);
        write(pair.t("a.txt"), "target at the same time", NEWER);
        syncVerified(pair);
        assertEquals("source at the same time", Files.readString(pair.t("a.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void sourceWinsOverwritesTheTargetAndItsDeletionWinsToo() throws Exception {
        Pair pair = agreed("source-wins", "a.txt", "b.txt", "keep1.txt", "keep2.txt");
        write(pair.s("a.txt"), "old source edit", NEWER);
        write(pair.t("a.txt"), "newer target edit", NEWEST);
        Files.delete(pair.s("b.txt"));
        write(pair.t("b.txt"), "target edit of a file the source deleted", NEWEST);
        Generation generation = syncVerified(pair);
        assertEquals(2, generation.conflicts());
        assertEquals("old source edit", Files.readString(pair.t("a.txt")));
        assertEquals("newer target edit", Files.readString(pair.trash(Side.TARGET, generation, "a.txt")));
        assertFalse(Files.exists(pair.t("b.txt")));
        assertEquals(
                "target edit of a file the source deleted",
                Files.readString(pair.trash(Side.TARGET, generation, "b.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void targetWinsOverwritesTheSource() throws Exception {
        Pair pair = agreed("target-wins", "a.txt");
        write(pair.s("a.txt"), "newer source edit", NEWEST);
        write(pair.t("a.txt"), "older target edit", NEWER);
        Generation generation = syncVerified(pair);
        assertEquals("older target edit", Files.readString(pair.s("a.txt")));
        assertEquals("newer source edit", Files.readString(pair.trash(Side.SOURCE, generation, "a.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void conflictFileKeepsBothVersionsOnBothSidesAndNeverReusesAName() throws Exception {
        Pair pair = agreed("conflict-file", "p.txt");
        write(pair.s("p.txt"), "source 1", NEWER);
        write(pair.t("p.txt"), "target 1", NEWEST);
        Generation first = syncVerified(pair);
        assertEquals(1, first.conflicts());
        assertEquals("target 1", Files.readString(pair.s("p.txt")));
        assertEquals("target 1", Files.readString(pair.t("p.txt")));
        List<String> copies = conflictCopies(pair.source());
        assertEquals(copies, conflictCopies(pair.target()));
        assertEquals(1, copies.size());
        assertTrue(copies.get(0), copies.get(0).contains(" from source"));
        assertEquals("source 1", Files.readString(pair.s(copies.get(0))));
        assertEquals("source 1", Files.readString(pair.t(copies.get(0))));
        assertNothingLeft(pair);

        write(pair.s("p.txt"), "source 2", NEWER);
        write(pair.t("p.txt"), "target 2", NEWEST);
        syncVerified(pair);
        List<String> after = conflictCopies(pair.source());
        assertEquals(after, conflictCopies(pair.target()));
        assertEquals(2, after.size());
        assertTrue(after.containsAll(copies));
        List<String> contents = new ArrayList<>();
        for (String copy : after) {
            contents.add(Files.readString(pair.t(copy)));
        }
        assertTrue(contents.toString(), contents.containsAll(List.of("source 1", "source 2")));
        assertNothingLeft(pair);
    }

    @Test
    public void promptLeavesTheConflictPendingWhileOtherPathsSyncUntilAUserResolvesIt() throws Exception {
        Pair pair = agreed("prompt", "p.txt", "other.txt");
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "filesync/conflict/*");
        ServiceRegistration<EventHandler> handler =
                bundleContext.registerService(EventHandler.class, events::add, topics);
        try {
            write(pair.s("p.txt"), "source side", NEWEST);
            write(pair.t("p.txt"), "target side", NEWER);
            write(pair.s("other.txt"), "other edit", NEWER);
            long id = pair.conduit().id();

            String summary = executeOk("filesync:sync --wait " + id);
            assertTrue(summary, summary.contains("conflicts=1"));
            assertTrue(summary, summary.contains("status=verified"));
            assertEquals("other edit", Files.readString(pair.t("other.txt")));
            assertEquals("source side", Files.readString(pair.s("p.txt")));
            assertEquals("target side", Files.readString(pair.t("p.txt")));
            String listed = executeOk("filesync:conflicts " + id);
            assertTrue(listed, listed.contains("p.txt") && listed.contains("both_modified"));
            awaitCondition("a conflict detected event", () -> events.stream()
                    .anyMatch(e -> e.getTopic().equals(FileSyncEvents.CONFLICT_DETECTED)
                            && "p.txt".equals(e.getProperty(FileSyncEvents.PROPERTY_PATH))));

            assertTrue(execute("filesync:conflict-resolve --use sideways " + id + " p.txt")
                    .errorMessage()
                    .contains("Unknown choice 'sideways'"));
            assertTrue(execute("filesync:conflict-resolve --use source " + id + " nosuch.txt")
                    .errorMessage()
                    .contains("no pending conflict at nosuch.txt"));
            assertEquals("source side", Files.readString(pair.s("p.txt")));

            String resolved = executeOk("filesync:conflict-resolve --use target " + id + " p.txt");
            assertTrue(resolved, resolved.contains("resolved: use target"));
            awaitCondition("the target's version reaches the source", () -> contentIs(pair.s("p.txt"), "target side"));
            awaitIdle(id);
            assertEquals(Generation.VERIFIED, newest(id).verification());
            assertEquals("source side", Files.readString(pair.trash(Side.SOURCE, newest(id), "p.txt")));
            assertTrue(fileSync.conflicts(id).isEmpty());
            assertTrue(events.stream()
                    .anyMatch(e -> e.getTopic().equals(FileSyncEvents.CONFLICT_RESOLVED)
                            && "target".equals(e.getProperty(FileSyncEvents.PROPERTY_RESOLUTION))));
            assertNothingLeft(pair);
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void resolvingWithBothKeepsTheTargetsVersionAsAConflictCopy() throws Exception {
        Pair pair = agreed("prompt", "p.txt");
        write(pair.s("p.txt"), "source side", NEWER);
        write(pair.t("p.txt"), "target side", NEWEST);
        long id = pair.conduit().id();
        assertEquals(1, syncVerified(pair).conflicts());
        assertEquals(1, fileSync.conflicts(id).size());

        fileSync.resolveConflict(id, "p.txt", org.filesync.api.ConflictChoice.BOTH);
        awaitCondition("the source's version reaches the target", () -> contentIs(pair.t("p.txt"), "source side"));
        awaitIdle(id);
        List<String> copies = conflictCopies(pair.source());
        assertEquals(1, copies.size());
        assertEquals(copies, conflictCopies(pair.target()));
        assertTrue(copies.get(0), copies.get(0).contains(" from target"));
        assertEquals("target side", Files.readString(pair.s(copies.get(0))));
        assertEquals("source side", Files.readString(pair.s("p.txt")));
        assertNothingLeft(pair);
    }

    // --- the ten-case matrix, directories, renames ---

    @Test
    public void theTenCaseTwoWayMatrixSyncsInOneRun() throws Exception {
        Pair pair = agreed(
                "newest-wins",
                "mod-s.txt",
                "mod-t.txt",
                "del-s.txt",
                "del-t.txt",
                "both.txt",
                "mod-s-del-t.txt",
                "del-s-mod-t.txt",
                "del-both.txt",
                "k1.txt",
                "k2.txt",
                "k3.txt",
                "k4.txt");
        write(pair.s("new-s.txt"), "new in source", NEWER); // 1
        write(pair.t("new-t.txt"), "new in target", NEWER); // 2
        write(pair.s("mod-s.txt"), "modified in source", NEWER); // 3
        write(pair.t("mod-t.txt"), "modified in target", NEWER); // 4
        Files.delete(pair.s("del-s.txt")); // 5
        Files.delete(pair.t("del-t.txt")); // 6
        write(pair.s("both.txt"), "both: source", NEWER); // 7
        write(pair.t("both.txt"), "both: target, newer", NEWEST);
        write(pair.s("mod-s-del-t.txt"), "modified in source, deleted in target", NEWER); // 8
        Files.delete(pair.t("mod-s-del-t.txt"));
        Files.delete(pair.s("del-s-mod-t.txt")); // 9
        write(pair.t("del-s-mod-t.txt"), "deleted in source, modified in target", NEWER);
        Files.delete(pair.s("del-both.txt")); // 10
        Files.delete(pair.t("del-both.txt"));

        Generation generation = syncVerified(pair);

        assertEquals(3, generation.conflicts());
        assertEquals(2, generation.filesDeleted());
        for (Path end : List.of(pair.source(), pair.target())) {
            assertEquals("new in source", Files.readString(end.resolve("new-s.txt")));
            assertEquals("new in target", Files.readString(end.resolve("new-t.txt")));
            assertEquals("modified in source", Files.readString(end.resolve("mod-s.txt")));
            assertEquals("modified in target", Files.readString(end.resolve("mod-t.txt")));
            assertFalse(Files.exists(end.resolve("del-s.txt")));
            assertFalse(Files.exists(end.resolve("del-t.txt")));
            assertEquals("both: target, newer", Files.readString(end.resolve("both.txt")));
            assertEquals("modified in source, deleted in target", Files.readString(end.resolve("mod-s-del-t.txt")));
            assertEquals("deleted in source, modified in target", Files.readString(end.resolve("del-s-mod-t.txt")));
            assertFalse(Files.exists(end.resolve("del-both.txt")));
        }
        assertEquals("del-s.txt", Files.readString(pair.trash(Side.TARGET, generation, "del-s.txt")));
        assertEquals("del-t.txt", Files.readString(pair.trash(Side.SOURCE, generation, "del-t.txt")));
        assertEquals("both: source", Files.readString(pair.trash(Side.SOURCE, generation, "both.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void aDirectoryDeletedOnOneSideKeepsAFileCreatedInsideItOnTheOther() throws Exception {
        Pair pair = agreed("newest-wins", "d/old.txt", "k1.txt", "k2.txt", "k3.txt");
        deleteTree(pair.s("d"));
        write(pair.t("d/new.txt"), "created while the source deleted d", NEWER);
        assertTrue(Files.isDirectory(pair.t("d")));
        Generation generation = syncVerified(pair);
        assertTrue(generation.conflicts() >= 1);
        assertEquals("created while the source deleted d", Files.readString(pair.s("d/new.txt")));
        assertEquals("created while the source deleted d", Files.readString(pair.t("d/new.txt")));
        assertFalse(Files.exists(pair.t("d/old.txt")));
        assertEquals("d/old.txt", Files.readString(pair.trash(Side.TARGET, generation, "d/old.txt")));
        assertNothingLeft(pair);
    }

    @Test
    public void aRenameOnOneSideKeepsAnEditOfTheOldNameOnTheOther() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt", "k1.txt", "k2.txt");
        Files.move(pair.s("a.txt"), pair.s("b.txt"));
        write(pair.t("a.txt"), "edited under the old name", NEWER);
        syncVerified(pair);
        for (Path end : List.of(pair.source(), pair.target())) {
            assertEquals("a.txt", Files.readString(end.resolve("b.txt")));
            assertEquals("edited under the old name", Files.readString(end.resolve("a.txt")));
        }
        assertNothingLeft(pair);
    }

    @Test
    public void aGenerationThatFailedPartWayIsNeitherCopiedAgainNorTakenForConflicts() throws Exception {
        Pair pair = agreed("newest-wins", "locked/keep.txt", "k1.txt", "k2.txt");
        write(pair.s("a.txt"), "new a", NEWER);
        write(pair.s("b.txt"), "new b", NEWER);
        write(pair.s("locked/c.txt"), "new c", NEWER);
        write(pair.t("t.txt"), "new in the target", NEWER);
        makeUnwritable(pair.t("locked"));
        Generation failed = fileSync.syncNow(pair.conduit().id(), false).await(RUN_TIMEOUT);
        assertEquals(Generation.Phase.FAILED, failed.phase());
        assertTrue(failed.errors().toString(), failed.errors().stream().anyMatch(e -> e.contains("c.txt")));
        assertEquals("new a", Files.readString(pair.t("a.txt")));
        assertEquals("new in the target", Files.readString(pair.s("t.txt")));
        assertFalse(Files.exists(pair.t("locked/c.txt")));

        makeWritableAgain(pair.t("locked"));
        Generation next = syncVerified(pair);
        assertEquals(1, next.filesCopied());
        assertEquals(0, next.conflicts());
        assertEquals("new c", Files.readString(pair.t("locked/c.txt")));
        assertNothingLeft(pair);
    }

    // --- plug-ins ---

    @Test
    public void aConflictStrategyRegisteredAtRuntimeIsUsedAndItsAbsenceIsNamed() throws Exception {
        Pair pair = agreed("newest-wins", "a.txt");
        long id = pair.conduit().id();
        assertTrue(execute("filesync:conduit-update --conflict keep-target-always " + id)
                .errorMessage()
                .contains("Unknown conflict 'keep-target-always'"));

        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ConflictStrategy.PROPERTY, "keep-target-always");
        ServiceRegistration<ConflictStrategy> registration = bundleContext.registerService(
                ConflictStrategy.class, conflict -> ConflictDecision.wins(Side.TARGET), properties);
        try {
            executeOk("filesync:conduit-update --conflict keep-target-always " + id);
            write(pair.s("a.txt"), "newest source edit", NEWEST);
            write(pair.t("a.txt"), "older target edit", NEWER);
            Generation generation = syncVerified(pair);
            assertEquals(1, generation.conflicts());
            assertEquals("older target edit", Files.readString(pair.s("a.txt")));
            assertEquals("keep-target-always", onlyConflict(pair).resolvedBy().orElseThrow());
        } finally {
            registration.unregister();
        }

        write(pair.s("a.txt"), "another source edit", NEWEST);
        SyncRefusedException refused = assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(id, false));
        assertTrue(refused.getMessage(), refused.getMessage().contains("keep-target-always"));
        assertEquals("another source edit", Files.readString(pair.s("a.txt")));
        assertEquals("older target edit", Files.readString(pair.t("a.txt")));

        ServiceRegistration<ConflictStrategy> back = bundleContext.registerService(
                ConflictStrategy.class, conflict -> ConflictDecision.wins(Side.TARGET), properties);
        try {
            syncVerified(pair);
            assertEquals("another source edit", Files.readString(pair.t("a.txt")));
            assertNothingLeft(pair);
        } finally {
            back.unregister();
        }
    }

    // --- helpers ---

    /** Two fresh ends and a conduit whose first run agreed on the given files (content = path). */
    private Pair agreed(String strategy, String... files) throws Exception {
        return agreed(bidirectional(strategy), files);
    }

    private Conduit create(Path source, Path target, String strategy) {
        return fileSync.createConduit(new ConduitSpec(source.toString(), target.toString(), bidirectional(strategy)));
    }

    private static ConduitOptions bidirectional(String strategy) {
        return ConduitOptions.defaults()
                .withMode("bidirectional")
                .withConflictStrategy(strategy)
                .withMaxDeletePercent(100);
    }

    /** A second run plans nothing: the ends and the baseline agree. */
    private void assertNothingLeft(Pair pair) {
        SyncPlan plan = fileSync.dryRun(pair.conduit().id());
        assertTrue(plan.operations().toString(), plan.isEmpty());
    }

    private PathConflict onlyConflict(Pair pair) {
        List<PathConflict> all = fileSync.conflicts(pair.conduit().id());
        assertTrue("a resolved conflict is not pending: " + all, all.isEmpty());
        // the queue keeps resolved ones too; the generation's conflict is the newest
        List<PathConflict> history = fileSync.conflictHistory(pair.conduit().id());
        assertFalse(history.isEmpty());
        return history.get(history.size() - 1);
    }

    private Generation newest(long id) {
        return fileSync.history(id).get(0);
    }

    private void awaitIdle(long id) throws InterruptedException {
        awaitCondition(
                "the run of conduit " + id + " ends",
                () -> fileSync.activeRuns().stream().noneMatch(run -> run.conduitId() == id)
                        && newest(id).phase().isFinal()
                        && !newest(id).verification().startsWith("waiting"));
    }

    private static boolean contentIs(Path file, String content) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).equals(content);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> conflictCopies(Path end) throws IOException {
        try (Stream<Path> files = Files.list(end)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(name -> CONFLICT_COPY.matcher(name).matches())
                    .sorted()
                    .toList();
            assertNotNull(names);
            return names;
        }
    }
}
