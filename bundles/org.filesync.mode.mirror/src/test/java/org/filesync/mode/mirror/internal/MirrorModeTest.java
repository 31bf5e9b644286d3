package org.filesync.mode.mirror.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.Copy;
import org.filesync.resolver.CreateSymlink;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Displace;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.SyncMode;
import org.filesync.resolver.UpdateMetadata;
import org.filesync.resolver.internal.ResolverComponent;
import org.filesync.resolver.testing.MemoryIndex;
import org.junit.jupiter.api.Test;

/** Mirror resolution, case by case, through the resolver component on an in-memory index. */
class MirrorModeTest {

    static final Path SRC = Path.of("/data/src");
    static final Path DST = Path.of("/data/dst");

    final MemoryIndex index = new MemoryIndex().add(SRC).add(DST);
    final ResolverComponent resolver = resolver(index);

    static ResolverComponent resolver(MemoryIndex index) {
        ResolverComponent resolver = new ResolverComponent(index);
        resolver.addMode(new MirrorMode(), Map.of(SyncMode.PROPERTY, MirrorMode.NAME, "service.id", 1L));
        return resolver;
    }

    ResolveRequest request() {
        return ResolveRequest.full("c1", new Endpoint(SRC, ""), new Endpoint(DST, ""), "mirror");
    }

    Plan plan() {
        Plan plan = resolver.resolve(request());
        assertEquals(Resolution.FULL, plan.resolution());
        return plan;
    }

    /** Applies the plan and checks that a second resolution finds the ends in agreement. */
    void applyAndConverge(Plan plan) {
        PlanApplier.apply(index, request(), plan);
        Plan again = plan();
        assertTrue(again.inAgreement(), () -> "not converged: " + again);
    }

    static List<String> describe(List<? extends Operation> ops) {
        return ops.stream().map(op -> op.type() + " " + op.path()).toList();
    }

    @Test
    void createsFilesDirectoriesEmptyDirectoriesAndSymlinksParentsFirst() {
        index.dir(SRC, "a");
        index.file(SRC, "a/x.txt", "hello");
        index.dir(SRC, "a/empty");
        index.dir(SRC, "a-b");
        index.symlink(SRC, "a/link", "x.txt");
        index.file(SRC, "top", "t", 1234, 0600);

        Plan plan = plan();

        assertEquals(
                List.of(
                        "CREATE_DIRECTORY a",
                        "CREATE_DIRECTORY a-b",
                        "CREATE_DIRECTORY a/empty",
                        "CREATE_SYMLINK a/link",
                        "COPY a/x.txt",
                        "COPY top"),
                describe(plan.copies()));
        assertTrue(plan.deletes().isEmpty());
        Copy top = (Copy) plan.copies().get(5);
        assertEquals(Direction.SOURCE_TO_TARGET, top.direction());
        assertEquals(Optional.empty(), top.expected());
        assertEquals(0600, top.source().mode());
        assertEquals(1234_000_000L, top.source().mtimeNanos());
        assertEquals(Optional.of(MemoryIndex.hash("t".getBytes())), top.source().hash());
        assertEquals("x.txt", ((CreateSymlink) plan.copies().get(3)).target());
        assertEquals(2, plan.copiedFiles());
        assertEquals(6, plan.bytes());
        applyAndConverge(plan);
    }

    @Test
    void replacesOnContentDifferenceEvenWithSameSizeAndMtime() {
        index.file(SRC, "f", "abc");
        index.file(DST, "f", "xyz");

        Plan plan = plan();

        assertEquals(List.of("COPY f"), describe(plan.copies()));
        Copy copy = (Copy) plan.copies().get(0);
        assertTrue(copy.replaces());
        assertEquals(
                Optional.of(MemoryIndex.hash("xyz".getBytes())),
                copy.expected().get().hash());
        assertEquals(3, copy.expected().get().size());
        applyAndConverge(plan);
    }

    @Test
    void sameContentWithOtherMtimeOrModeIsAMetadataOnlyUpdate() {
        index.file(SRC, "m", "same", 2000, 0644);
        index.file(DST, "m", "same", 1000, 0644);
        index.file(SRC, "p", "same", 1000, 0600);
        index.file(DST, "p", "same", 1000, 0644);
        index.file(SRC, "u", "same", 1000, 0644);
        index.file(DST, "u", "same", 1000, 0644);

        Plan plan = plan();

        assertEquals(List.of("UPDATE_METADATA m", "UPDATE_METADATA p"), describe(plan.copies()));
        assertEquals(0, plan.copiedFiles());
        assertEquals(0, plan.bytes());
        UpdateMetadata m = (UpdateMetadata) plan.copies().get(0);
        assertEquals(2000_000_000L, m.source().mtimeNanos());
        assertEquals(1000_000_000L, m.current().mtimeNanos());
        applyAndConverge(plan);
    }

    @Test
    void mtimesAreComparedToTheMillisecond() {
        index.put(SRC, MemoryIndex.entry("f", EntryKind.FILE, 1, 5, 0644, null, "aa", null));
        index.put(DST, MemoryIndex.entry("f", EntryKind.FILE, 1, 5, 0644, null, "aa", null));
        // same millisecond, other nanoseconds: no update
        index.put(
                DST,
                new org.filesync.index.IndexEntry(
                        "f",
                        new EntryFacts(EntryKind.FILE, 1, 5_000_123L, 0644, Optional.empty(), Optional.of("aa")),
                        -1,
                        0,
                        false,
                        Optional.empty()));
        assertTrue(plan().inAgreement());
    }

    @Test
    void directoryMetadataUpdatesComeAfterAllCreationsDeepestFirst() {
        index.dir(SRC, "d", 5000, 0755);
        index.dir(SRC, "d/e", 6000, 0700);
        index.file(SRC, "d/e/new", "n");
        index.dir(DST, "d", 1000, 0755);
        index.dir(DST, "d/e", 1000, 0755);

        Plan plan = plan();

        assertEquals(List.of("COPY d/e/new", "UPDATE_METADATA d/e", "UPDATE_METADATA d"), describe(plan.copies()));
        applyAndConverge(plan);
    }

    @Test
    void deletesTargetOnlyFilesSymlinksAndDirectoriesDeepestFirst() {
        index.file(SRC, "keep", "k");
        index.file(DST, "keep", "k");
        index.dir(DST, "old");
        index.dir(DST, "old/sub");
        index.file(DST, "old/sub/f", "1");
        index.symlink(DST, "old/l", "sub/f");
        index.dir(DST, "old-empty");
        index.file(DST, "stray", "s");

        Plan plan = plan();

        assertTrue(plan.copies().isEmpty());
        assertEquals(
                List.of(
                        "DELETE stray",
                        "DELETE old/sub/f",
                        "DELETE old/sub",
                        "DELETE old/l",
                        "DELETE old-empty",
                        "DELETE old"),
                describe(plan.deletes()));
        Delete dir = plan.deletes().get(5);
        assertTrue(dir.directory());
        assertEquals(Direction.SOURCE_TO_TARGET, dir.direction());
        assertFalse(plan.deletes().get(0).directory());
        assertEquals(new SideStats(1, 1, 0, 0), plan.source());
        assertEquals(new SideStats(7, 4, 6, 3), plan.target());
        assertEquals(75.0, plan.target().removedFilePercent());
        assertFalse(plan.sourceEmpty());
        applyAndConverge(plan);
    }

    @Test
    void symlinksAreComparedByTargetAndNeverFollowed() {
        index.symlink(SRC, "same", "t1");
        index.symlink(DST, "same", "t1");
        index.symlink(SRC, "moved", "new-target");
        index.symlink(DST, "moved", "old-target");
        index.symlink(SRC, "dangling", "/nowhere");

        Plan plan = plan();

        assertEquals(List.of("CREATE_SYMLINK dangling", "CREATE_SYMLINK moved"), describe(plan.copies()));
        CreateSymlink moved = (CreateSymlink) plan.copies().get(1);
        assertEquals("new-target", moved.target());
        assertEquals(Optional.of("old-target"), moved.expected().get().symlinkTarget());
        applyAndConverge(plan);
    }

    @Test
    void aDirectoryBlockingAFileIsDisplacedWithItsContentBeforeTheCopy() {
        index.file(SRC, "x", "now a file");
        index.file(SRC, "x-y", "after");
        index.dir(DST, "x");
        index.dir(DST, "x/in");
        index.file(DST, "x/in/deep", "d");
        index.file(DST, "x/f", "f");

        Plan plan = plan();

        assertEquals(List.of("DISPLACE x", "COPY x", "COPY x-y"), describe(plan.copies()));
        assertTrue(plan.deletes().isEmpty(), "the content goes with the displaced directory");
        Displace displace = (Displace) plan.copies().get(0);
        assertTrue(displace.directory());
        assertEquals(3, displace.descendants());
        assertEquals(2, displace.descendantFiles());
        assertEquals(
                List.of("x/f", "x/in", "x/in/deep"),
                displace.subtree().stream().map(Delete::path).sorted().toList(),
                "the plan knows every entry it displaces, to re-check each");
        assertEquals(Optional.empty(), plan.copies().get(1).expected());
        assertEquals(new SideStats(4, 2, 4, 2), plan.target());
        applyAndConverge(plan);
    }

    @Test
    void aFileBlockingADirectoryIsDisplacedBeforeTheDirectoryAndItsContent() {
        index.dir(SRC, "x");
        index.file(SRC, "x/f", "f");
        index.file(DST, "x", "was a file");

        Plan plan = plan();

        assertEquals(List.of("DISPLACE x", "CREATE_DIRECTORY x", "COPY x/f"), describe(plan.copies()));
        Displace displace = (Displace) plan.copies().get(0);
        assertFalse(displace.directory());
        assertEquals(EntryKind.FILE, displace.current().kind());
        assertEquals(new SideStats(1, 1, 1, 1), plan.target());
        applyAndConverge(plan);
    }

    @Test
    void fileAndSymlinkReplaceEachOtherWithoutDisplacement() {
        index.symlink(SRC, "a", "b");
        index.file(DST, "a", "file");
        index.file(SRC, "c", "file");
        index.symlink(DST, "c", "d");

        Plan plan = plan();

        assertEquals(List.of("CREATE_SYMLINK a", "COPY c"), describe(plan.copies()));
        assertEquals(EntryKind.FILE, plan.copies().get(0).expected().get().kind());
        assertEquals(EntryKind.SYMLINK, plan.copies().get(1).expected().get().kind());
        applyAndConverge(plan);
    }

    @Test
    void aSpecialFileInTheTargetIsDisplacedAndOneInTheSourceIsSkipped() {
        index.file(SRC, "fifo", "now a file");
        index.special(DST, "fifo");
        index.special(SRC, "sock");

        Plan plan = plan();

        assertEquals(List.of("DISPLACE fifo", "COPY fifo"), describe(plan.copies()));
        assertEquals(1, plan.skipped().size());
        assertEquals("sock", plan.skipped().get(0).path());
        assertEquals(Side.SOURCE, plan.skipped().get(0).side());
        assertFalse(plan.inAgreement());
    }

    @Test
    void unreadableSourceEntriesAreSkippedAndNothingUnderThemIsDeleted() {
        index.unreadable(SRC, "secret", EntryKind.FILE);
        index.file(DST, "secret", "old copy");
        index.unreadable(SRC, "locked", EntryKind.DIRECTORY);
        index.dir(DST, "locked");
        index.file(DST, "locked/a", "a");
        index.dir(DST, "locked/b");
        index.file(DST, "locked/b/c", "c");
        index.file(DST, "locked-not", "deleted");
        index.file(SRC, "locked/stale", "a row left from before the directory became unreadable");
        index.unreadable(SRC, "closed", EntryKind.DIRECTORY);
        index.file(SRC, "closed/stale", "not copied: its directory cannot be created");

        Plan plan = plan();

        assertTrue(plan.copies().isEmpty());
        assertEquals(List.of("DELETE locked-not"), describe(plan.deletes()));
        assertEquals(
                List.of("closed", "locked", "secret"),
                plan.skipped().stream().map(s -> s.path()).toList());
        assertTrue(plan.skipped().get(1).reason().contains("permission denied"));
    }

    @Test
    void anEmptySourceIsFlaggedAndEmptyingTheTargetCountsAsAllOfIt() {
        index.dir(DST, "d");
        index.file(DST, "d/f", "f");
        index.file(DST, "g", "g");

        Plan plan = plan();

        assertTrue(plan.sourceEmpty());
        assertEquals(new SideStats(0, 0, 0, 0), plan.source());
        assertEquals(new SideStats(3, 2, 3, 2), plan.target());
        assertEquals(100.0, plan.target().removedFilePercent());
    }

    @Test
    void identicalEndsGiveAnEmptyPlanInAgreement() {
        for (Path root : List.of(SRC, DST)) {
            index.dir(root, "d");
            index.file(root, "d/f", "f");
            index.symlink(root, "l", "d/f");
        }
        Plan plan = plan();
        assertTrue(plan.inAgreement());
        assertEquals(0, plan.target().removedFilePercent());
        assertEquals(plan.checkpoint().sourceSequence(), 3);
    }

    @Test
    void endsInsideLocationsAreResolvedRelativeToTheirPrefixes() {
        Path backup = Path.of("/backup");
        index.add(backup);
        index.dir(SRC, "photos");
        index.dir(SRC, "photos/2024");
        index.file(SRC, "photos/2024/a.jpg", "jpg");
        index.file(SRC, "photos-old", "outside the end");
        index.file(SRC, "other", "outside the end");
        index.dir(backup, "mirror");
        index.file(backup, "mirror/stray", "s");
        index.file(backup, "mirrored", "outside the end");
        ResolveRequest request =
                ResolveRequest.full("c2", new Endpoint(SRC, "photos"), new Endpoint(backup, "mirror"), "mirror");

        Plan plan = resolver.resolve(request);

        assertEquals(List.of("CREATE_DIRECTORY 2024", "COPY 2024/a.jpg"), describe(plan.copies()));
        assertEquals(List.of("DELETE stray"), describe(plan.deletes()));
        assertEquals(new SideStats(2, 1, 0, 0), plan.source());
        assertEquals(new SideStats(1, 1, 1, 1), plan.target());
        PlanApplier.apply(index, request, plan);
        assertTrue(resolver.resolve(request).inAgreement());
        assertTrue(index.live(backup, "mirror/2024/a.jpg").isPresent());
        assertTrue(index.live(backup, "mirrored").isPresent());
    }

    @Test
    void expectedStatesCarryWhatTheJobsReCheck() {
        index.file(SRC, "f", "new content");
        index.file(DST, "f", "old", 777, 0640);
        Copy copy = (Copy) plan().copies().get(0);
        EntryFacts expected = copy.expected().orElseThrow();
        assertEquals(EntryKind.FILE, expected.kind());
        assertEquals(3, expected.size());
        assertEquals(777_000_000L, expected.mtimeNanos());
        assertEquals(Optional.of(MemoryIndex.hash("old".getBytes())), expected.hash());
        assertInstanceOf(Copy.class, plan().operations().get(0));
    }
}
