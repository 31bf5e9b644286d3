package org.filesync.mode.bidirectional.internal;

import static org.filesync.mode.bidirectional.internal.BidirectionalModeTest.conflicts;
import static org.filesync.mode.bidirectional.internal.BidirectionalModeTest.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Move;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Side;
import org.junit.jupiter.api.Test;

/**
 * Moves in bidirectional mode, judged against the baseline: what one end only renamed is renamed on
 * the other end, in either direction; anything else keeps the ordinary rules.
 */
class BidirectionalMovesTest {

    private static final Side S = Side.SOURCE;
    private static final Side T = Side.TARGET;
    private static final String NEWEST = "newest-wins";

    private final Ends ends = new Ends();

    /** Applies a plan; then a full resolution has nothing left to do and the baseline agrees. */
    private void settle(Plan plan) {
        ends.apply(plan);
        Plan after = ends.resolve(NEWEST);
        assertEquals(List.of(), ops(after), "left to do after the plan");
        ends.applyBaseline(after);
        assertEquals(List.of(), ends.resolve(NEWEST).baselineUpdates(), "the baseline agrees with both ends");
    }

    private static Move onlyMove(Plan plan) {
        List<Move> moves = plan.copies().stream()
                .filter(Move.class::isInstance)
                .map(Move.class::cast)
                .toList();
        assertEquals(1, moves.size(), plan.copies().toString());
        return moves.get(0);
    }

    @Test
    void aFileRenamedInTheSourceIsRenamedInTheTarget() {
        ends.agreedFile("old.txt", "content").agreedFile("other.txt", "other");
        ends.rename(S, "old.txt", "new.txt");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("MOVE new.txt ->target"), ops(plan));
        Move move = onlyMove(plan);
        assertEquals("old.txt", move.from());
        assertEquals(Direction.SOURCE_TO_TARGET, move.direction());
        assertEquals(ends.live(T, "old.txt").orElseThrow(), move.current());
        settle(plan);
        assertEquals(Optional.empty(), ends.live(T, "old.txt"));
        assertEquals(ends.live(S, "new.txt"), ends.live(T, "new.txt"));
    }

    @Test
    void aFileRenamedInTheTargetIsRenamedInTheSource() {
        ends.agreedFile("old.txt", "content").agreedFile("other.txt", "other");
        ends.rename(T, "old.txt", "new.txt");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("MOVE new.txt ->source"), ops(plan));
        assertEquals(Direction.TARGET_TO_SOURCE, onlyMove(plan).direction());
        assertEquals("old.txt", onlyMove(plan).from());
        settle(plan);
        assertEquals(ends.live(T, "new.txt"), ends.live(S, "new.txt"));
    }

    @Test
    void aFileMovedIntoADirectoryBeingCreatedIsMovedAfterTheDirectoryIsMade() {
        ends.agreedFile("photo.jpg", "pixels").agreedFile("keep.txt", "keep");
        ends.dir(S, "sorted").rename(S, "photo.jpg", "sorted/photo.jpg");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("CREATE_DIRECTORY sorted ->target", "MOVE sorted/photo.jpg ->target"), ops(plan));
        settle(plan);
    }

    @Test
    void aRenamedDirectoryIsOneMoveThatRemovesNothing() {
        ends.agreedDir("album").agreedDir("album/2024");
        for (int i = 0; i < 6; i++) {
            ends.agreedFile("album/2024/p" + i + ".jpg", "pixels " + i);
        }
        ends.agreedFile("keep.txt", "keep");
        ends.rename(T, "album", "renamed album");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("MOVE renamed album ->source"), ops(plan));
        Move move = onlyMove(plan);
        assertEquals("album", move.from());
        assertEquals(7, move.subtree().size());
        assertEquals(0, plan.source().removedFiles());
        settle(plan);
        assertEquals(ends.livePaths(T), ends.livePaths(S));
    }

    @Test
    void aRenamedDirectoryIsTheSameMoveIncrementally() {
        ends.agreedDir("d")
                .agreedFile("d/a.txt", "a")
                .agreedFile("d/b.txt", "b")
                .agreedFile("keep.txt", "keep");
        Checkpoint checkpoint = ends.current();
        ends.rename(S, "d", "e");

        Plan full = ends.resolve(NEWEST);
        Plan incremental = ends.resolveSince(checkpoint, NEWEST);

        assertEquals(List.of("MOVE e ->target"), ops(full));
        assertEquals(full.copies(), incremental.copies());
        assertEquals(full.deletes(), incremental.deletes());
    }

    @Test
    void aRenamedThenEditedFileIsCopiedAndTheOldNameDeleted() {
        ends.agreedFile("draft.txt", "draft").agreedFile("other.txt", "other");
        ends.rename(S, "draft.txt", "final.txt").file(S, "final.txt", "edited after the rename", Ends.MTIME + 1000);

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("COPY final.txt ->target", "DELETE draft.txt ->target"), ops(plan));
        settle(plan);
    }

    @Test
    void oneOfTwoIdenticalFilesRenamedIsMovedFromTheOnlyOldNameThatWent() {
        ends.agreedFile("a.txt", "same").agreedFile("b.txt", "same");
        ends.rename(S, "b.txt", "c.txt");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("MOVE c.txt ->target"), ops(plan));
        assertEquals("b.txt", onlyMove(plan).from());
        settle(plan);
        assertEquals(ends.live(S, "a.txt"), ends.live(T, "a.txt"));
    }

    @Test
    void twoIdenticalFilesBothRenamedAreCopiedAndDeletedNotGuessed() {
        ends.agreedFile("a.txt", "same").agreedFile("b.txt", "same").agreedFile("keep.txt", "keep");
        ends.rename(S, "a.txt", "x.txt").rename(S, "b.txt", "y.txt");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(
                List.of("COPY x.txt ->target", "COPY y.txt ->target", "DELETE b.txt ->target", "DELETE a.txt ->target"),
                ops(plan));
        settle(plan);
    }

    @Test
    void aMoveInTheTargetAgainstAnEditInTheSourceKeepsBothWithoutAConflict() {
        ends.agreedFile("a.txt", "original").agreedFile("other.txt", "other");
        ends.rename(T, "a.txt", "b.txt").file(S, "a.txt", "edited", Ends.MTIME - 5000);

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("COPY a.txt ->target", "COPY b.txt ->source"), ops(plan));
        assertEquals(List.of(), conflicts(plan));
        settle(plan);
        assertEquals(
                Optional.of(Ends.hash("edited")),
                ends.live(T, "a.txt").orElseThrow().hash());
        assertEquals(
                Optional.of(Ends.hash("original")),
                ends.live(S, "b.txt").orElseThrow().hash());
    }

    @Test
    void aMoveAgainstAnEditWhileConflictsWaitForTheUserCopiesTheNewNameAndAsksAboutTheOld() {
        ends.agreedFile("a.txt", "original").agreedFile("other.txt", "other");
        ends.rename(S, "a.txt", "b.txt").file(T, "a.txt", "edited");

        Plan plan = ends.resolve("prompt");

        assertEquals(List.of("COPY b.txt ->target"), ops(plan));
        assertEquals(List.of("a.txt deleted_vs_modified prompt pending"), conflicts(plan));
    }

    @Test
    void aDirectoryRenamedOnOneEndWhileTheOtherEditedInsideIsNoMoveTheOldDirectorysConflictDecides() {
        ends.agreedDir("d")
                .agreedFile("d/a.txt", "a")
                .agreedFile("d/b.txt", "b")
                .agreedFile("keep.txt", "keep");
        ends.rename(S, "d", "e").file(T, "d/a.txt", "edited", Ends.MTIME + 5000);

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("d deleted_vs_modified newest-wins target"), conflicts(plan));
        assertEquals(
                List.of(), plan.copies().stream().filter(Move.class::isInstance).toList());
        settle(plan);
        assertEquals(
                Optional.of(Ends.hash("edited")),
                ends.live(S, "d/a.txt").orElseThrow().hash());
        assertEquals(
                Optional.of(Ends.hash("a")),
                ends.live(T, "e/a.txt").orElseThrow().hash());
    }

    @Test
    void aFileTheOtherEndDeletedTooIsNoMove() {
        ends.agreedFile("old.txt", "content").agreedFile("other.txt", "other");
        ends.rename(S, "old.txt", "new.txt").remove(T, "old.txt");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("COPY new.txt ->target"), ops(plan));
        settle(plan);
    }

    @Test
    void aNewNameTheOtherEndCreatedTooIsNoMove() {
        ends.agreedFile("old.txt", "content").agreedFile("other.txt", "other");
        ends.rename(S, "old.txt", "new.txt").file(T, "new.txt", "content");

        Plan plan = ends.resolve(NEWEST);

        assertEquals(List.of("DELETE old.txt ->target"), ops(plan));
        assertTrue(plan.copies().isEmpty());
        settle(plan);
    }
}
