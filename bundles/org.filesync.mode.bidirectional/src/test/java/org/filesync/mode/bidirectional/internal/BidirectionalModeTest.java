package org.filesync.mode.bidirectional.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.BaselineEntry;
import org.filesync.resolver.BaselineUpdate;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Copy;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.Skipped;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictType;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.resolver.conflict.Preserve;
import org.junit.jupiter.api.Test;

class BidirectionalModeTest {

    private static final Side S = Side.SOURCE;
    private static final Side T = Side.TARGET;
    private static final String NEWEST = "newest-wins";

    private final Ends ends = new Ends();

    /** An operation as {@code TYPE path ->end}. */
    static String describe(Operation op) {
        return op.type() + " " + op.path() + " ->" + op.direction().to().name().toLowerCase();
    }

    static List<String> ops(Plan plan) {
        return plan.operations().stream().map(BidirectionalModeTest::describe).toList();
    }

    static List<String> conflicts(Plan plan) {
        return plan.conflicts().stream()
                .map(c -> c.path() + " " + c.conflict().type().label() + " " + c.strategy() + " "
                        + c.decision().describe())
                .toList();
    }

    /** Applies a plan, then checks that the ends agree: a new resolution has nothing to do. */
    private Plan settle(Plan plan, String strategy) {
        ends.apply(plan);
        Plan after = ends.resolve(strategy);
        assertEquals(List.of(), ops(after), "left to do after the plan");
        ends.applyBaseline(after);
        Plan again = ends.resolve(strategy);
        assertEquals(List.of(), again.baselineUpdates(), "the baseline agrees with both ends");
        return after;
    }

    // ---- the rows of the bidirectional table in docs/sync-modes.md --------------------------------

    @Test
    void nothingHappensWhenNeitherEndChanged() {
        ends.agreedDir("d").agreedFile("d/a.txt", "a").agreedFile("b.txt", "b");
        Plan plan = ends.resolve(NEWEST);
        assertTrue(plan.isEmpty());
        assertEquals(List.of(), plan.conflicts());
        assertEquals(List.of(), plan.baselineUpdates());
    }

    @Test
    void aFileCreatedInTheSourceIsCopiedToTheTarget() {
        ends.withBaseline().file(S, "new.txt", "n");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("COPY new.txt ->target"), ops(plan));
        assertEquals(Optional.empty(), plan.copies().get(0).expected());
        settle(plan, NEWEST);
    }

    @Test
    void aFileModifiedInTheSourceReplacesTheTargets() {
        ends.agreedFile("a.txt", "old").file(S, "a.txt", "new", Ends.MTIME + 1000);
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("COPY a.txt ->target"), ops(plan));
        assertEquals(ends.live(T, "a.txt"), plan.copies().get(0).expected());
        settle(plan, NEWEST);
    }

    @Test
    void aFileCreatedInTheTargetIsCopiedToTheSource() {
        ends.withBaseline().dir(T, "d").file(T, "d/new.txt", "n");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("CREATE_DIRECTORY d ->source", "COPY d/new.txt ->source"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void aFileModifiedInTheTargetReplacesTheSources() {
        ends.agreedFile("a.txt", "old").file(T, "a.txt", "new", Ends.MTIME - 1000);
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("COPY a.txt ->source"), ops(plan));
        assertEquals(ends.live(S, "a.txt"), plan.copies().get(0).expected());
        settle(plan, NEWEST);
    }

    @Test
    void aFileDeletedInTheSourceIsDeletedInTheTarget() {
        ends.agreedFile("a.txt", "a").remove(S, "a.txt");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("DELETE a.txt ->target"), ops(plan));
        assertEquals(ends.live(T, "a.txt"), plan.deletes().get(0).expected());
        Plan after = settle(plan, NEWEST);
        assertEquals(List.of(BaselineUpdate.forget("a.txt")), after.baselineUpdates());
    }

    @Test
    void aFileDeletedInTheTargetIsDeletedInTheSource() {
        ends.agreedFile("a.txt", "a").remove(T, "a.txt");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("DELETE a.txt ->source"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void aFileDeletedOnBothEndsIsForgottenByTheBaseline() {
        ends.agreedFile("a.txt", "a").remove(S, "a.txt").remove(T, "a.txt");
        Plan plan = ends.resolve(NEWEST);
        assertTrue(plan.isEmpty());
        assertEquals(List.of(BaselineUpdate.forget("a.txt")), plan.baselineUpdates());
    }

    @Test
    void bothEndsModifiedToTheSameContentConvergeAndAreRecorded() {
        ends.agreedFile("a.txt", "old")
                .file(S, "a.txt", "same", Ends.MTIME + 5)
                .file(T, "a.txt", "same", Ends.MTIME + 5);
        Plan plan = ends.resolve(NEWEST);
        assertTrue(plan.isEmpty());
        assertEquals(List.of(), plan.conflicts());
        assertEquals(
                List.of(BaselineUpdate.record("a.txt", ends.live(S, "a.txt").orElseThrow())), plan.baselineUpdates());
    }

    @Test
    void bothEndsModifiedDifferentlyIsABothModifiedConflict() {
        ends.agreedFile("a.txt", "old")
                .file(S, "a.txt", "mine", Ends.MTIME + 2000)
                .file(T, "a.txt", "yours");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("a.txt both_modified newest-wins source"), conflicts(plan));
        assertEquals(List.of("COPY a.txt ->target"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void bothEndsCreatingDifferentContentIsABothModifiedConflict() {
        ends.withBaseline().file(S, "a.txt", "mine").file(T, "a.txt", "yours", Ends.MTIME + 1);
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("a.txt both_modified newest-wins target"), conflicts(plan));
        assertEquals(Optional.empty(), plan.conflicts().get(0).conflict().baseline());
        assertEquals(List.of("COPY a.txt ->source"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void aDeletionInTheSourceAgainstAModificationInTheTargetIsDeletedVsModified() {
        ends.agreedFile("a.txt", "old").remove(S, "a.txt").file(T, "a.txt", "edited");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("a.txt deleted_vs_modified newest-wins target"), conflicts(plan));
        assertEquals(List.of("COPY a.txt ->source"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void aModificationInTheSourceAgainstADeletionInTheTargetIsDeletedVsModified() {
        ends.agreedFile("a.txt", "old").file(S, "a.txt", "edited").remove(T, "a.txt");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("a.txt deleted_vs_modified newest-wins source"), conflicts(plan));
        assertEquals(List.of("COPY a.txt ->target"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void aFileAgainstADirectoryIsATypeMismatch() {
        ends.withBaseline()
                .file(S, "x", "file", Ends.MTIME)
                .dir(T, "x", Ends.MTIME + 1)
                .file(T, "x/in.txt", "in");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("x type_mismatch newest-wins target"), conflicts(plan));
        assertEquals(
                List.of("DISPLACE x ->source", "CREATE_DIRECTORY x ->source", "COPY x/in.txt ->source"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void theTenTwoWayCasesResolveInOnePlan() {
        for (String name : List.of(
                "same", "s-mod", "t-mod", "s-del", "t-del", "both-mod", "s-del-t-mod", "s-mod-t-del", "both-del")) {
            ends.agreedFile(name, name);
        }
        ends.file(S, "s-new", "n")
                .file(T, "t-new", "n")
                .file(S, "s-mod", "changed")
                .file(T, "t-mod", "changed")
                .remove(S, "s-del")
                .remove(T, "t-del")
                .file(S, "both-mod", "mine", Ends.MTIME + 1)
                .file(T, "both-mod", "yours")
                .remove(S, "s-del-t-mod")
                .file(T, "s-del-t-mod", "edited")
                .file(S, "s-mod-t-del", "edited")
                .remove(T, "s-mod-t-del")
                .remove(S, "both-del")
                .remove(T, "both-del");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(
                List.of(
                        "COPY both-mod ->target",
                        "COPY s-del-t-mod ->source",
                        "COPY s-mod ->target",
                        "COPY s-mod-t-del ->target",
                        "COPY s-new ->target",
                        "COPY t-mod ->source",
                        "COPY t-new ->source",
                        "DELETE t-del ->source",
                        "DELETE s-del ->target"),
                ops(plan));
        assertEquals(
                List.of(
                        "both-mod both_modified newest-wins source",
                        "s-del-t-mod deleted_vs_modified newest-wins target",
                        "s-mod-t-del deleted_vs_modified newest-wins source"),
                conflicts(plan));
        assertEquals(List.of(BaselineUpdate.forget("both-del")), plan.baselineUpdates());
        settle(plan, NEWEST);
        assertEquals(
                List.of("both-mod", "s-del-t-mod", "s-mod", "s-mod-t-del", "s-new", "same", "t-mod", "t-new"),
                ends.livePaths(S));
        assertEquals(ends.livePaths(S), ends.livePaths(T));
    }

    // ---- metadata --------------------------------------------------------------------------------

    @Test
    void aMetadataChangeOnOneEndIsPropagatedWithoutCopying() {
        ends.agreedFile("a.txt", "a").file(T, "a.txt", "a", Ends.MTIME + 3000, 0600);
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("UPDATE_METADATA a.txt ->source"), ops(plan));
        assertEquals(List.of(), plan.conflicts());
        settle(plan, NEWEST);
    }

    @Test
    void metadataChangedOnBothEndsTakesTheNewerWithoutAConflict() {
        ends.agreedFile("a.txt", "a")
                .file(S, "a.txt", "a", Ends.MTIME + 3000, 0600)
                .file(T, "a.txt", "a", Ends.MTIME + 4000);
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("UPDATE_METADATA a.txt ->source"), ops(plan));
        assertEquals(List.of(), plan.conflicts());
        settle(plan, NEWEST);
    }

    @Test
    void directoriesAgreeByKindAloneWhateverTheirMtime() {
        ends.agreedDir("d").dir(S, "d", Ends.MTIME + 9000);
        assertTrue(ends.resolve(NEWEST).isEmpty());
    }

    // ---- directories and renames -----------------------------------------------------------------

    @Test
    void aNewFileInADirectoryTheOtherEndDeletedSurvivesWithItsDirectory() {
        ends.agreedDir("d").agreedFile("d/a.txt", "a").agreedFile("d/b.txt", "b");
        ends.remove(S, "d").file(T, "d/new.txt", "new");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("d deleted_vs_modified newest-wins target"), conflicts(plan));
        assertEquals(
                List.of(
                        "CREATE_DIRECTORY d ->source",
                        "COPY d/new.txt ->source",
                        "DELETE d/b.txt ->target",
                        "DELETE d/a.txt ->target"),
                ops(plan));
        settle(plan, NEWEST);
        assertEquals(List.of("d", "d/new.txt"), ends.livePaths(S));
        assertEquals(List.of("d", "d/new.txt"), ends.livePaths(T));
    }

    @Test
    void aDeletedDirectoryIsRecreatedWithTheParentsOfANestedNewFile() {
        ends.agreedDir("d").agreedDir("d/sub").agreedFile("d/sub/x", "x").agreedFile("d/y", "y");
        ends.remove(T, "d").file(S, "d/sub/new", "new");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(
                List.of(
                        "CREATE_DIRECTORY d ->target",
                        "CREATE_DIRECTORY d/sub ->target",
                        "COPY d/sub/new ->target",
                        "DELETE d/y ->source",
                        "DELETE d/sub/x ->source"),
                ops(plan));
        settle(plan, NEWEST);
        assertEquals(List.of("d", "d/sub", "d/sub/new"), ends.livePaths(T));
    }

    @Test
    void aDeletedDirectoryWinningItsConflictDeletesTheOtherEndsSubtreeContentFirst() {
        ends.agreedDir("d").agreedDir("d/sub").agreedFile("d/sub/x", "x");
        ends.remove(S, "d").file(T, "d/sub/new", "new");
        Plan plan = ends.resolve("source-wins");
        assertEquals(List.of("d deleted_vs_modified source-wins source"), conflicts(plan));
        assertEquals(
                List.of(
                        "DELETE d/sub/x ->target",
                        "DELETE d/sub/new ->target",
                        "DELETE d/sub ->target",
                        "DELETE d ->target"),
                ops(plan));
        settle(plan, "source-wins");
        assertEquals(List.of(), ends.livePaths(T));
    }

    @Test
    void aDirectoryDeletedOnOneEndAndUnchangedOnTheOtherIsDeletedThere() {
        ends.agreedDir("d").agreedFile("d/a.txt", "a");
        ends.remove(T, "d");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("DELETE d/a.txt ->source", "DELETE d ->source"), ops(plan));
        assertEquals(List.of(), plan.conflicts());
        settle(plan, NEWEST);
    }

    @Test
    void aDirectoryIsNotDeletedWhileSomethingUnderItIsLeftAlone() {
        ends.agreedDir("d").agreedFile("d/a.txt", "a");
        ends.special(T, "d/fifo").remove(S, "d");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("DELETE d/a.txt ->target"), ops(plan));
        assertEquals(
                List.of(new Skipped("d/fifo", T, "special file in the target (not a file, directory or symlink)")),
                plan.skipped());
    }

    @Test
    void aRenameOnOneEndWhileTheOtherEditedTheFileKeepsTheEdit() {
        ends.agreedFile("a.txt", "original").rename(S, "a.txt", "b.txt").file(T, "a.txt", "edited");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("COPY a.txt ->source", "COPY b.txt ->target"), ops(plan));
        assertEquals(List.of(), conflicts(plan), "the old name only moved: no deletion against the edit");
        settle(plan, NEWEST);
        assertEquals(
                Optional.of(Ends.hash("edited")),
                ends.live(S, "a.txt").orElseThrow().hash());
        assertEquals(
                Optional.of(Ends.hash("original")),
                ends.live(T, "b.txt").orElseThrow().hash());
    }

    @Test
    void aDirectoryReplacedByAFileReplacesTheOtherEndsUnchangedDirectory() {
        ends.agreedDir("x").agreedFile("x/in", "in");
        ends.remove(S, "x").file(S, "x", "file");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("DISPLACE x ->target", "COPY x ->target"), ops(plan));
        assertEquals(new SideStats(1, 1, 0, 0), plan.source());
        assertEquals(new SideStats(2, 1, 2, 1), plan.target());
        settle(plan, NEWEST);
    }

    // ---- the first run ---------------------------------------------------------------------------

    @Test
    void theFirstRunUnionsBothEndsAndNeverDeletes() {
        ends.dir(S, "d").file(S, "d/s.txt", "s").file(S, "both.txt", "same");
        ends.dir(T, "d").file(T, "d/t.txt", "t").file(T, "both.txt", "same").symlink(T, "link", "d/t.txt");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(
                List.of("COPY d/s.txt ->target", "COPY d/t.txt ->source", "CREATE_SYMLINK link ->source"), ops(plan));
        assertEquals(List.of(), plan.deletes());
        assertEquals(
                List.of("both.txt", "d"),
                plan.baselineUpdates().stream().map(BaselineUpdate::path).toList());
        settle(plan, NEWEST);
    }

    @Test
    void theFirstRunTreatsDifferingFilesAsConflicts() {
        ends.file(S, "a.txt", "mine", Ends.MTIME).file(T, "a.txt", "yours", Ends.MTIME + 10);
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("a.txt both_modified newest-wins target"), conflicts(plan));
        assertEquals(List.of("COPY a.txt ->source"), ops(plan));
        assertEquals(List.of(), plan.deletes());
    }

    // ---- strategies ------------------------------------------------------------------------------

    @Test
    void sourceWinsReplacesTheTargetsNewerFile() {
        ends.agreedFile("a.txt", "old").file(S, "a.txt", "mine").file(T, "a.txt", "yours", Ends.MTIME + 9000);
        Plan plan = ends.resolve("source-wins");
        assertEquals(List.of("COPY a.txt ->target"), ops(plan));
        Copy copy = (Copy) plan.copies().get(0);
        assertEquals(ends.live(S, "a.txt").orElseThrow(), copy.source());
        assertEquals(ends.live(T, "a.txt"), copy.expected());
        settle(plan, "source-wins");
    }

    @Test
    void targetWinsPropagatesTheTargetsDeletion() {
        ends.agreedFile("a.txt", "old")
                .file(S, "a.txt", "edited", Ends.MTIME + 9000)
                .remove(T, "a.txt");
        Plan plan = ends.resolve("target-wins");
        assertEquals(List.of("a.txt deleted_vs_modified target-wins target"), conflicts(plan));
        assertEquals(List.of("DELETE a.txt ->source"), ops(plan));
        settle(plan, "target-wins");
    }

    @Test
    void conflictFileKeepsTheLoserAsAConflictCopyOnBothEnds() {
        ends.agreedDir("docs").agreedFile("docs/report.txt", "old");
        ends.file(S, "docs/report.txt", "mine", Ends.MTIME + 1000)
                .file(T, "docs/report.txt", "yours", Ends.MTIME + 2000);
        Plan plan = ends.resolve("conflict-file");
        String copy = "docs/report (conflict 2026-03-04 050607 from source).txt";
        PlannedConflict conflict = plan.conflicts().get(0);
        assertEquals(ConflictDecision.keepBoth(T), conflict.decision());
        assertEquals(Optional.of(copy), conflict.conflictCopy());
        assertEquals(
                List.of(
                        "PRESERVE " + copy + " ->source",
                        "COPY " + copy + " ->target",
                        "COPY docs/report.txt ->source"),
                ops(plan));
        Preserve preserve = (Preserve) plan.copies().get(0);
        assertEquals("docs/report.txt", preserve.original());
        assertEquals(ends.live(S, "docs/report.txt").orElseThrow(), preserve.current());
        assertEquals(Optional.of(preserve.current()), plan.copies().get(2).expected());
        settle(plan, "conflict-file");
        assertEquals(
                Optional.of(Ends.hash("mine")), ends.live(T, copy).orElseThrow().hash());
        assertEquals(
                Optional.of(Ends.hash("yours")),
                ends.live(S, "docs/report.txt").orElseThrow().hash());
    }

    @Test
    void conflictFileAppendsANumberWhenTheCopysNameIsTaken() {
        String first = "report (conflict 2026-03-04 050607 from target).txt";
        ends.agreedFile("report.txt", "old").file(T, first, "an earlier copy");
        ends.file(S, "report.txt", "mine", Ends.MTIME + 2000).file(T, "report.txt", "yours", Ends.MTIME + 1000);
        Plan plan = ends.resolve("conflict-file");
        String second = "report (conflict 2026-03-04 050607 from target 2).txt";
        assertEquals(Optional.of(second), plan.conflicts().get(0).conflictCopy());
        assertEquals(
                List.of(
                        "PRESERVE " + second + " ->target",
                        "COPY " + second + " ->source", // ' ' sorts before ')'
                        "COPY " + first + " ->source",
                        "COPY report.txt ->target"),
                ops(plan));
        settle(plan, "conflict-file");
    }

    @Test
    void conflictFileKeepsTheFileWhenTheDirectoryWinsATypeMismatch() {
        ends.withBaseline().file(S, "x", "file", Ends.MTIME + 9000).dir(T, "x").file(T, "x/in.txt", "in");
        Plan plan = ends.resolve("conflict-file");
        String copy = "x (conflict 2026-03-04 050607 from source)";
        assertEquals(List.of("x type_mismatch conflict-file both"), conflicts(plan));
        assertEquals(
                List.of(
                        "PRESERVE " + copy + " ->source",
                        "DISPLACE x ->source",
                        "CREATE_DIRECTORY x ->source",
                        "COPY " + copy + " ->target",
                        "COPY x/in.txt ->source"),
                ops(plan));
        settle(plan, "conflict-file");
    }

    @Test
    void promptLeavesAConflictPendingWithoutOperationsWhileOtherPathsSync() {
        ends.agreedFile("a.txt", "old")
                .file(S, "a.txt", "mine")
                .file(T, "a.txt", "yours")
                .file(S, "other", "o");
        Plan plan = ends.resolve("prompt");
        assertEquals(List.of("a.txt both_modified prompt pending"), conflicts(plan));
        assertEquals(List.of("COPY other ->target"), ops(plan));
        assertEquals(1, plan.pendingConflicts().size());
        assertTrue(plan.baselineUpdates().stream().noneMatch(u -> u.path().equals("a.txt")));
    }

    @Test
    void aPendingDirectoryConflictTouchesNothingUnderIt() {
        ends.agreedDir("d").agreedFile("d/a.txt", "a");
        ends.remove(S, "d").file(T, "d/new.txt", "new");
        Plan plan = ends.resolve("prompt");
        assertEquals(List.of("d deleted_vs_modified prompt pending"), conflicts(plan));
        assertEquals(List.of(), ops(plan));
        assertEquals(List.of(), plan.baselineUpdates());
    }

    @Test
    void aUsersDecisionOverridesTheStrategy() {
        ends.agreedFile("a.txt", "old").file(S, "a.txt", "mine").file(T, "a.txt", "yours", Ends.MTIME + 9000);
        ends.agreedFile("b.txt", "old").file(S, "b.txt", "mine").file(T, "b.txt", "yours");
        Plan plan = ends.resolve("prompt", Map.of("a.txt", ConflictDecision.wins(S)));
        assertEquals(List.of("a.txt both_modified user source", "b.txt both_modified prompt pending"), conflicts(plan));
        assertEquals(List.of("COPY a.txt ->target"), ops(plan));
    }

    @Test
    void aMissingStrategyFailsNamingItEvenWithoutConflicts() {
        ends.withBaseline().file(S, "a.txt", "a");
        ResolverException e = assertThrows(ResolverException.class, () -> ends.resolve("coin-toss"));
        assertTrue(e.getMessage().contains("'coin-toss'"), e.getMessage());
        assertTrue(e.getMessage().contains("not available"), e.getMessage());
    }

    // ---- skipped entries and counts --------------------------------------------------------------

    @Test
    void unreadableAndSpecialEntriesAreLeftAloneOnBothEnds() {
        ends.agreedDir("locked").agreedFile("locked/in.txt", "in").agreedFile("bad.txt", "b");
        ends.unreadable(S, "locked", EntryKind.DIRECTORY).remove(T, "locked/in.txt");
        ends.unreadable(T, "bad.txt", EntryKind.FILE).special(S, "pipe");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of(), ops(plan));
        assertEquals(
                List.of("bad.txt", "locked", "pipe"),
                plan.skipped().stream().map(Skipped::path).toList());
        assertFalse(plan.inAgreement());
    }

    @Test
    void aFullResolutionCountsBothEndsAndWhatEachLoses() {
        ends.agreedDir("d").agreedFile("d/a", "a").agreedFile("b", "b").agreedFile("c", "c");
        ends.remove(S, "d").remove(T, "c");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(Resolution.FULL, plan.resolution());
        assertEquals(new SideStats(2, 2, 1, 1), plan.source());
        assertEquals(new SideStats(3, 2, 2, 1), plan.target());
    }

    @Test
    void anIncrementalResolutionCountsOnlyAnEndThatLosesSomething() {
        ends.agreedDir("d").agreedFile("d/a", "a").agreedFile("b", "b");
        var checkpoint = ends.current();
        ends.remove(S, "d").file(T, "new", "n");
        Plan plan = ends.resolveSince(checkpoint, NEWEST);
        assertEquals(Resolution.INCREMENTAL, plan.resolution());
        assertEquals(SideStats.notCounted(), plan.source());
        assertEquals(new SideStats(4, 3, 2, 1), plan.target());
        assertEquals(ops(ends.resolve(NEWEST)), ops(plan));
        assertEquals(
                List.of(Delete.class, Delete.class),
                plan.deletes().stream().map(Object::getClass).toList());
        assertEquals(Direction.SOURCE_TO_TARGET, plan.deletes().get(0).direction());
    }

    @Test
    void anIndexReadThatFailsIsReportedOnlyOnceTheBaselineReadAlongsideHasEnded() throws Exception {
        ends.agreedFile("a", "a").agreedFile("b", "b").agreedFile("c", "c");
        var checkpoint = ends.current();
        ends.file(S, "a", "changed").file(S, "b", "changed").file(S, "c", "changed");
        Baseline agreed = Baseline.of(ends.baseline());
        CountDownLatch indexFailed = new CountDownLatch(1);
        AtomicInteger baselineReads = new AtomicInteger();
        Baseline slow = new Baseline() {
            @Override
            public boolean exists() {
                return true;
            }

            @Override
            public Optional<EntryFacts> entry(String path) {
                try {
                    assertTrue(indexFailed.await(10, TimeUnit.SECONDS), "the index read never failed");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                baselineReads.incrementAndGet();
                return agreed.entry(path);
            }

            @Override
            public Stream<BaselineEntry> entries() {
                return agreed.entries();
            }
        };
        ResolutionContext context = ends.context(
                ResolveRequest.full("c1", Ends.SOURCE, Ends.TARGET, BidirectionalMode.NAME)
                        .with(slow, NEWEST, Map.of()),
                Optional.of(checkpoint));
        ResolutionContext failing = new ResolutionContext() {
            @Override
            public ResolveRequest request() {
                return context.request();
            }

            @Override
            public Optional<Checkpoint> checkpoint() {
                return context.checkpoint();
            }

            @Override
            public Checkpoint current() {
                return context.current();
            }

            @Override
            public Stream<SideEntry> entries(Side side) {
                return context.entries(side);
            }

            @Override
            public Stream<SideEntry> subtree(Side side, String path) {
                return context.subtree(side, path);
            }

            @Override
            public Optional<SideEntry> entry(Side side, String path) {
                indexFailed.countDown();
                throw new ResolverException("the index of the target is gone");
            }

            @Override
            public Stream<SideEntry> changes(Side side, long afterSequence) {
                return context.changes(side, afterSequence);
            }
        };
        ResolverException e =
                assertThrows(ResolverException.class, () -> Ends.mode().resolve(failing));
        assertEquals("the index of the target is gone", e.getMessage());
        assertEquals(3, baselineReads.get(), "the baseline was still being read when the failure was reported");
    }

    @Test
    void theFirstRunIsReadInFullEvenWithACheckpoint() {
        ends.file(S, "a", "a");
        Plan plan = ends.resolveSince(ends.current(), NEWEST);
        assertEquals(Resolution.FULL, plan.resolution());
        assertEquals(List.of("COPY a ->target"), ops(plan));
        assertEquals(ConflictType.BOTH_MODIFIED, ConflictType.valueOf("BOTH_MODIFIED"));
    }

    // ---- more decisions --------------------------------------------------------------------------

    @Test
    void aKeptSymlinkLoserReachesTheWinnerAsALink() {
        ends.withBaseline().symlink(S, "link", "one").symlink(T, "link", "two");
        ends.touch(T, "link", Ends.MTIME + 5000, 0777);
        Plan plan = ends.resolve("conflict-file");
        String copy = "link (conflict 2026-03-04 050607 from source)";
        assertEquals(
                List.of(
                        "PRESERVE " + copy + " ->source",
                        "CREATE_SYMLINK link ->source",
                        "CREATE_SYMLINK " + copy + " ->target"),
                ops(plan));
        settle(plan, "conflict-file");
    }

    @Test
    void keepingBothWhenTheDeletionWinsKeepsTheModificationAsAConflictCopy() {
        ends.agreedFile("a.txt", "old").remove(S, "a.txt").file(T, "a.txt", "edited");
        Plan plan = ends.resolve(NEWEST, Map.of("a.txt", ConflictDecision.keepBoth(S)));
        String copy = "a (conflict 2026-03-04 050607 from target).txt";
        assertEquals(List.of("a.txt deleted_vs_modified user both"), conflicts(plan));
        assertEquals(
                List.of("PRESERVE " + copy + " ->target", "COPY " + copy + " ->source", "DELETE a.txt ->target"),
                ops(plan));
        settle(plan, NEWEST);
        assertEquals(List.of(copy), ends.livePaths(S));
    }

    @Test
    void aDirectoryCannotBeKeptAsACopySoKeepingBothAgainstItIsAPlainWin() {
        ends.withBaseline().file(S, "x", "file").dir(T, "x").file(T, "x/in", "in");
        Plan plan = ends.resolve(NEWEST, Map.of("x", ConflictDecision.keepBoth(S)));
        assertEquals(List.of("x type_mismatch user source"), conflicts(plan));
        assertEquals(Optional.empty(), plan.conflicts().get(0).conflictCopy());
        assertEquals(List.of("DISPLACE x ->target", "COPY x ->target"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void aSymlinkRetargetedOnOneEndIsRetargetedOnTheOther() {
        ends.withBaseline()
                .symlink(S, "l", "old")
                .symlink(T, "l", "old")
                .agree("l")
                .symlink(S, "l", "new");
        Plan plan = ends.resolve(NEWEST);
        assertEquals(List.of("CREATE_SYMLINK l ->target"), ops(plan));
        settle(plan, NEWEST);
    }

    @Test
    void aDecisionOnAPendingDirectoryConflictIsCarriedOutIncrementallyLikeInFull() {
        ends.agreedDir("d").agreedFile("d/a.txt", "a").agreedFile("other", "o");
        ends.remove(S, "d").dir(T, "d/sub").file(T, "d/sub/new.txt", "new");
        Plan pending = ends.resolve("prompt");
        assertEquals(List.of(), ops(pending));
        ends.applyBaseline(pending);
        var checkpoint = pending.checkpoint();
        Map<String, ConflictDecision> decided = Map.of("d", ConflictDecision.wins(T));
        Plan full = ends.resolve("prompt", decided);
        Plan incremental = ends.resolveSince(checkpoint, "prompt", decided);
        assertEquals(
                List.of(
                        "CREATE_DIRECTORY d ->source",
                        "CREATE_DIRECTORY d/sub ->source",
                        "COPY d/sub/new.txt ->source",
                        "DELETE d/a.txt ->target"),
                ops(full));
        assertEquals(full.operations(), incremental.operations());
        assertEquals(full.conflicts(), incremental.conflicts());
    }

    @Test
    void aStrategyThatGoesAwayIsNoLongerAvailableAndIsUsedAgainOnceItReturns() {
        ends.agreedFile("a.txt", "a").file(S, "a.txt", "source edit").file(T, "a.txt", "target edit");
        Ends.Strategies strategies = new Ends.Strategies().register("mine", c -> ConflictDecision.wins(T), 1);
        BidirectionalMode mode = new BidirectionalMode(strategies, Ends.CLOCK);
        Supplier<ResolutionContext> context = () -> ends.context(ends.request("mine", Map.of()), Optional.empty());
        assertEquals(
                ConflictDecision.wins(T),
                mode.resolve(context.get()).conflicts().get(0).decision());

        strategies.unregister(1);
        ResolverException e = assertThrows(ResolverException.class, () -> mode.resolve(context.get()));
        assertEquals(
                "Conflict strategy 'mine' is not available: no conflict strategy of that name is registered"
                        + " (registered: none)",
                e.getMessage());

        strategies.register("mine", c -> ConflictDecision.wins(S), 2);
        assertEquals(
                ConflictDecision.wins(S),
                mode.resolve(context.get()).conflicts().get(0).decision());
    }

    @Test
    void changesUnderAnUnreadableDirectoryAreLeftAloneIncrementallyAsInFull() {
        ends.agreedDir("locked").agreedFile("locked/a", "a").agreedFile("free", "f");
        var checkpoint = ends.current();
        ends.unreadable(S, "locked", EntryKind.DIRECTORY)
                .file(T, "locked/a", "edited")
                .file(T, "locked/new", "n");
        ends.file(T, "free", "edited");
        Plan full = ends.resolve(NEWEST);
        Plan incremental = ends.resolveSince(checkpoint, NEWEST);
        assertEquals(List.of("COPY free ->source"), ops(full));
        assertEquals(
                List.of(new Skipped("locked", S, "cannot be read in the source: permission denied")), full.skipped());
        assertEquals(full.operations(), incremental.operations());
        assertEquals(full.skipped(), incremental.skipped());
        assertEquals(full.baselineUpdates(), incremental.baselineUpdates());
    }
}
