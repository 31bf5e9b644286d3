package org.filesync.mode.mirror.internal;

import static org.filesync.mode.mirror.internal.MirrorModeTest.DST;
import static org.filesync.mode.mirror.internal.MirrorModeTest.SRC;
import static org.filesync.mode.mirror.internal.MirrorModeTest.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexEntry;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Move;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.internal.ResolverComponent;
import org.filesync.resolver.testing.MemoryIndex;
import org.junit.jupiter.api.Test;

/** Mirror plans that rename on the target what only moved in the source. */
class MirrorMovesTest {

    final MemoryIndex index = new MemoryIndex().add(SRC).add(DST);
    final ResolverComponent resolver = MirrorModeTest.resolver(index);

    ResolveRequest full() {
        return ResolveRequest.full("c1", new Endpoint(SRC, ""), new Endpoint(DST, ""), "mirror");
    }

    /** Both ends hold the same entries, as after a verified run; returns that run's checkpoint. */
    Checkpoint agreed() {
        PlanApplier.apply(index, full(), resolver.resolve(full()));
        Plan again = resolver.resolve(full());
        assertTrue(again.inAgreement(), () -> "not converged: " + again);
        return again.checkpoint();
    }

    /** The plan, checked to be the same whether read in full or since the checkpoint, and to converge. */
    Plan planAfter(Checkpoint checkpoint) {
        Plan plan = resolver.resolve(full());
        Plan incremental = resolver.resolve(
                ResolveRequest.since("c1", new Endpoint(SRC, ""), new Endpoint(DST, ""), "mirror", checkpoint));
        assertEquals(plan.copies(), incremental.copies());
        assertEquals(plan.deletes(), incremental.deletes());
        PlanApplier.apply(index, full(), plan);
        Plan again = resolver.resolve(full());
        assertTrue(again.inAgreement(), () -> "not converged: " + again);
        return plan;
    }

    void rename(String from, String to) {
        for (IndexEntry e : index.liveEntries(SRC)) {
            if (e.path().equals(from) || e.path().startsWith(from + "/")) {
                index.put(
                        SRC,
                        new IndexEntry(
                                to + e.path().substring(from.length()), e.facts(), -1, 0, false, Optional.empty()));
            }
        }
        index.remove(SRC, from);
    }

    @Test
    void aRenamedFileIsOneMoveAndNoDelete() {
        index.file(SRC, "old.txt", "content");
        index.file(SRC, "other.txt", "else");
        Checkpoint checkpoint = agreed();
        rename("old.txt", "new.txt");

        Plan plan = planAfter(checkpoint);

        assertEquals(List.of("MOVE new.txt"), describe(plan.copies()));
        assertEquals(List.of(), plan.deletes());
        Move move = (Move) plan.copies().get(0);
        assertEquals("old.txt", move.from());
        assertEquals(1, plan.movedEntries());
        assertEquals(0, plan.copiedFiles());
        assertEquals(0, plan.bytes());
        assertEquals(0, plan.target().removedFiles());
    }

    @Test
    void aFileMovedIntoADirectoryBeingCreatedMovesAfterTheDirectoryIsMade() {
        index.file(SRC, "photo.jpg", "pixels");
        Checkpoint checkpoint = agreed();
        index.dir(SRC, "sorted");
        rename("photo.jpg", "sorted/photo.jpg");

        Plan plan = planAfter(checkpoint);

        assertEquals(List.of("CREATE_DIRECTORY sorted", "MOVE sorted/photo.jpg"), describe(plan.copies()));
        assertEquals(List.of(), plan.deletes());
    }

    @Test
    void aFileMovedToAnotherExistingDirectoryIsOneMove() {
        index.dir(SRC, "a");
        index.dir(SRC, "b");
        index.file(SRC, "a/f", "data");
        Checkpoint checkpoint = agreed();
        rename("a/f", "b/f");

        Plan plan = planAfter(checkpoint);

        assertEquals(List.of("MOVE b/f"), describe(plan.copies()));
        assertEquals("a/f", ((Move) plan.copies().get(0)).from());
    }

    @Test
    void aRenamedAndEditedFileIsACopyAndADelete() {
        index.file(SRC, "old.txt", "content");
        Checkpoint checkpoint = agreed();
        index.remove(SRC, "old.txt");
        index.file(SRC, "new.txt", "content, edited");

        Plan plan = planAfter(checkpoint);

        assertEquals(List.of("COPY new.txt"), describe(plan.copies()));
        assertEquals(List.of("DELETE old.txt"), describe(plan.deletes()));
    }

    @Test
    void oneOfTwoIdenticalFilesRenamedMovesTheOnlyDeletedOne() {
        index.file(SRC, "a", "same");
        index.file(SRC, "b", "same");
        Checkpoint checkpoint = agreed();
        rename("b", "c");

        Plan plan = planAfter(checkpoint);

        // the only candidate gone from the source is b; a stays where it is
        assertEquals(List.of("MOVE c"), describe(plan.copies()));
        assertEquals("b", ((Move) plan.copies().get(0)).from());
        assertEquals(List.of(), plan.deletes());
    }

    @Test
    void twoIdenticalFilesBothRenamedAreAmbiguousAndStayCopiesAndDeletes() {
        index.file(SRC, "a", "same");
        index.file(SRC, "b", "same");
        Checkpoint checkpoint = agreed();
        rename("a", "x");
        rename("b", "y");

        Plan plan = planAfter(checkpoint);

        assertEquals(List.of("COPY x", "COPY y"), describe(plan.copies()));
        assertEquals(List.of("DELETE b", "DELETE a"), describe(plan.deletes()));
    }

    @Test
    void aRenamedDirectoryIsOneMoveWithItsSubtreeForTheFallback() {
        index.dir(SRC, "photos");
        index.dir(SRC, "photos/2024");
        for (int i = 0; i < 50; i++) {
            index.file(SRC, "photos/2024/p" + i + ".jpg", "pixels " + i);
        }
        index.symlink(SRC, "photos/latest", "2024/p49.jpg");
        index.file(SRC, "elsewhere", "pixels 3");
        Checkpoint checkpoint = agreed();
        rename("photos", "pictures");

        Plan plan = planAfter(checkpoint);

        assertEquals(List.of("MOVE pictures"), describe(plan.copies()));
        assertEquals(List.of(), plan.deletes());
        Move move = (Move) plan.copies().get(0);
        assertEquals("photos", move.from());
        assertTrue(move.directory());
        assertEquals(52, move.subtree().size());
        assertEquals(0, plan.target().removedEntries());
    }

    @Test
    void aDirectoryMovedUnderANewDirectoryWithAChangedMtimeInsideMovesThenUpdates() {
        index.dir(SRC, "project");
        index.dir(SRC, "project/src");
        index.file(SRC, "project/src/Main.java", "class Main {}");
        index.file(SRC, "project/README", "read me");
        Checkpoint checkpoint = agreed();
        index.dir(SRC, "archive");
        rename("project", "archive/project");
        index.file(SRC, "archive/project/README", "read me", 5_000, 0644); // touched after the move

        Plan plan = planAfter(checkpoint);

        assertEquals(
                List.of("CREATE_DIRECTORY archive", "MOVE archive/project", "UPDATE_METADATA archive/project/README"),
                describe(plan.copies()));
        assertEquals(List.of(), plan.deletes());
    }

    @Test
    void aRenamedDirectoryWithADifferentFileInsideIsNotMovedAsAWhole() {
        index.dir(SRC, "d");
        index.file(SRC, "d/one", "1");
        index.file(SRC, "d/two", "2");
        Checkpoint checkpoint = agreed();
        rename("d", "e");
        index.file(SRC, "e/two", "2, edited");

        Plan plan = planAfter(checkpoint);

        // the unchanged file still moves on its own
        assertEquals(List.of("CREATE_DIRECTORY e", "MOVE e/one", "COPY e/two"), describe(plan.copies()));
        assertEquals(List.of("DELETE d/two", "DELETE d"), describe(plan.deletes()));
    }

    @Test
    void aRenamedDirectoryHoldingAnEntryTheSourceCannotReadIsNotMovedAsAWhole() {
        index.dir(SRC, "d");
        index.file(SRC, "d/ok", "fine");
        index.file(SRC, "d/secret", "hidden");
        agreed();
        rename("d", "e");
        index.unreadable(SRC, "e/secret", EntryKind.FILE);

        Plan plan = resolver.resolve(full());

        assertEquals(List.of("CREATE_DIRECTORY e", "MOVE e/ok"), describe(plan.copies()));
        assertEquals(
                List.of("e/secret"), plan.skipped().stream().map(s -> s.path()).toList());
    }

    @Test
    void aFileWithoutAKnownHashIsNeverPaired() {
        index.put(SRC, MemoryIndex.entry("bigger", EntryKind.FILE, 10, 1000, 0644, null, null, null));
        index.put(DST, MemoryIndex.entry("big", EntryKind.FILE, 10, 1000, 0644, null, null, null));

        Plan plan = resolver.resolve(full());

        assertEquals(List.of("COPY bigger"), describe(plan.copies()));
        assertEquals(List.of("DELETE big"), describe(plan.deletes()));
    }
}
