package org.filesync.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.junit.jupiter.api.Test;

/** The plan's value types refuse what the jobs could not carry out safely. */
class PlanRecordsTest {

    static final EntryFacts FILE =
            new EntryFacts(EntryKind.FILE, 3, 1_000_000, 0644, Optional.empty(), Optional.of("ab"));
    static final EntryFacts DIR = new EntryFacts(EntryKind.DIRECTORY, 0, 0, 0755, Optional.empty(), Optional.empty());
    static final EntryFacts LINK = new EntryFacts(EntryKind.SYMLINK, 1, 0, -1, Optional.of("x"), Optional.empty());
    static final Direction D = Direction.SOURCE_TO_TARGET;

    @Test
    void pathsAreRelativeAndNormalized() {
        for (String bad : List.of("", "/a", "a/", "a//b", "./a", "a/../b")) {
            assertThrows(IllegalArgumentException.class, () -> new Delete(bad, D, FILE), bad);
        }
        assertEquals("a/b c/é", new Delete("a/b c/é", D, FILE).path());
    }

    @Test
    void nothingReplacesADirectoryWithoutDisplacingIt() {
        assertThrows(IllegalArgumentException.class, () -> new Copy("a", D, FILE, Optional.of(DIR)));
        assertThrows(IllegalArgumentException.class, () -> new CreateSymlink("a", D, LINK, Optional.of(DIR)));
        assertThrows(IllegalArgumentException.class, () -> new Copy("a", D, DIR, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new CreateDirectory("a", D, FILE));
        assertThrows(IllegalArgumentException.class, () -> new UpdateMetadata("a", D, FILE, DIR));
        assertThrows(
                IllegalArgumentException.class, () -> new Displace("a", D, FILE, List.of(new Delete("a/b", D, FILE))));
        assertThrows(
                IllegalArgumentException.class, () -> new Displace("a", D, DIR, List.of(new Delete("ab", D, FILE))));
        assertEquals(3, new Copy("a", D, FILE, Optional.of(LINK)).bytes());
    }

    @Test
    void aPlanKeepsDeletesOutOfTheCopyPhaseAndCopiesItsLists() {
        List<Operation> copies = new ArrayList<>(List.of(new Copy("a", D, FILE, Optional.empty())));
        Plan plan = new Plan(
                "c",
                "mirror",
                Resolution.FULL,
                new Checkpoint(1, 2),
                copies,
                List.of(new Delete("b", D, FILE)),
                List.of(),
                new SideStats(1, 1, 0, 0),
                new SideStats(1, 1, 1, 1));
        copies.clear();
        assertEquals(1, plan.copies().size());
        assertEquals(
                List.of("a", "b"),
                plan.operations().stream().map(Operation::path).toList());
        assertEquals(1, plan.copiedFiles());
        assertEquals(3, plan.bytes());
        assertFalse(plan.isEmpty());
        assertFalse(plan.sourceEmpty());
        assertEquals(100.0, plan.target().removedFilePercent());
        assertThrows(
                IllegalArgumentException.class,
                () -> new Plan(
                        "c",
                        "mirror",
                        Resolution.FULL,
                        new Checkpoint(1, 2),
                        List.of(new Delete("b", D, FILE)),
                        List.of(),
                        List.of(),
                        SideStats.notCounted(),
                        SideStats.notCounted()));
    }

    @Test
    void statsOfAnUncountedSideCannotHideRemovals() {
        assertThrows(IllegalArgumentException.class, () -> new SideStats(-1, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SideStats(2, 3, 0, 0));
        assertFalse(SideStats.notCounted().counted());
        assertEquals(25.0, new SideStats(10, 8, 3, 2).removedFilePercent());
    }

    @Test
    void overlappingEndsAreRefused() {
        Path root = Path.of("/r");
        assertThrows(
                IllegalArgumentException.class,
                () -> ResolveRequest.full("c", new Endpoint(root, "a"), new Endpoint(root, "a/b"), "mirror"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ResolveRequest.full("c", new Endpoint(root, ""), new Endpoint(root, "b"), "mirror"));
        assertTrue(ResolveRequest.full("c", new Endpoint(root, "a"), new Endpoint(root, "a-b"), "mirror")
                .full());
    }

    @Test
    void directionsNameTheEndTheyChange() {
        assertEquals(Side.TARGET, Direction.SOURCE_TO_TARGET.to());
        assertEquals(Side.TARGET, Direction.TARGET_TO_SOURCE.from());
        assertEquals(Direction.TARGET_TO_SOURCE, Direction.towards(Side.SOURCE));
        assertEquals(Side.SOURCE, Side.TARGET.other());
        assertEquals(7, new Checkpoint(3, 7).sequence(Side.TARGET));
    }
}
