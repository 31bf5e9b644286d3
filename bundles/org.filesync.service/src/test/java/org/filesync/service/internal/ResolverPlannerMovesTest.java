package org.filesync.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.PlannedOperation;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Move;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Resolver;
import org.filesync.resolver.SideStats;
import org.filesync.service.internal.EngineFakes.MemoryStore;
import org.filesync.service.internal.EngineFakes.SettlingIndex;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.DeleteItem;
import org.filesync.transfer.DeleteRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the service runs a planned move: a moving copy item, and a delete of the old path only when it was not moved. */
class ResolverPlannerMovesTest {

    @TempDir
    Path dir;

    final MemoryStore store = new MemoryStore();
    Conduit conduit;
    Path source;
    Path target;
    EntryFacts old;

    @BeforeEach
    void ends() throws IOException {
        source = Files.createDirectories(dir.resolve("src"));
        target = Files.createDirectories(dir.resolve("dst"));
        Files.writeString(source.resolve("new.txt"), "content");
        Path file = Files.writeString(target.resolve("old.txt"), "content");
        old = new EntryFacts(
                EntryKind.FILE,
                7,
                Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS),
                0644,
                Optional.empty(),
                Optional.of("ab".repeat(32)));
        conduit = store.add(ConduitOptions.defaults().withParallelTransfers(7), source, target);
    }

    ResolvedRun resolved() {
        Move move = new Move("new.txt", Direction.SOURCE_TO_TARGET, "old.txt", old, old, List.of());
        Plan plan = new Plan(
                Long.toString(conduit.id()),
                "mirror",
                Resolution.FULL,
                new Checkpoint(1, 1),
                List.of(move),
                List.of(),
                List.of(),
                new SideStats(1, 1, 0, 0),
                new SideStats(1, 1, 0, 0));
        Resolver resolver = new Resolver() {
            @Override
            public Plan resolve(ResolveRequest request) {
                return plan;
            }

            @Override
            public Set<String> modes() {
                return Set.of("mirror");
            }

            @Override
            public boolean keepsBaseline(String mode) {
                return false;
            }
        };
        return new ResolverPlanner(resolver, new RunRequests(new SettlingIndex(), store, store), store)
                .resolve(conduit);
    }

    static List<DeleteItem> items(List<DeleteRequest> requests) {
        return requests.stream().flatMap(r -> r.items().stream()).toList();
    }

    @Test
    void aMoveIsAMovingCopyItemAndTheDryRunShowsItsOldPath() {
        ResolvedRun run = resolved();

        CopyItem item = run.copies("2").get(0).items().get(0);
        assertEquals(target.resolve("new.txt"), item.target());
        assertEquals(source.resolve("new.txt"), item.source());
        assertEquals(target.resolve("old.txt"), item.moveFrom().orElseThrow().path());
        assertEquals(old, item.moveFrom().orElseThrow().expected());
        PlannedOperation shown = run.summary().operations().get(0);
        assertEquals("move", shown.action());
        assertEquals(Optional.of("old.txt"), shown.from());
        assertEquals(1, run.summary().moves());
        assertEquals(0, run.summary().deletes());
        assertEquals(
                List.of(0L),
                run.sides().stream()
                        .map(ResolvedRun.SideCounts::deletions)
                        .distinct()
                        .toList());
        assertTrue(run.touched().contains(target.resolve("old.txt")));
    }

    @Test
    void aMoveTheCopyJobDidNeedsNoDelete() throws IOException {
        ResolvedRun run = resolved();
        Files.move(target.resolve("old.txt"), target.resolve("new.txt"));

        assertEquals(new ResolvedRun.MovesDone(1, 0), run.movesDone());
        assertEquals(List.of(), items(run.deletes("2")));
    }

    @Test
    void aMoveTheCopyJobCopiedInsteadDeletesTheOldPathReCheckedAgainstThePlan() throws IOException {
        ResolvedRun run = resolved();
        Files.writeString(target.resolve("new.txt"), "content"); // the copy job copied it from the source

        assertEquals(new ResolvedRun.MovesDone(0, 1), run.movesDone());
        assertEquals(List.of(new DeleteItem(target.resolve("old.txt"), old)), items(run.deletes("2")));
    }

    @Test
    void theDeletesRemoveAsManyEntriesAtOnceAsTheConduitsCopiesWrite() throws IOException {
        ResolvedRun run = resolved();
        Files.writeString(target.resolve("new.txt"), "content");

        assertEquals(
                List.of(7),
                run.deletes("2").stream().map(r -> r.options().parallel()).toList());
    }
}
