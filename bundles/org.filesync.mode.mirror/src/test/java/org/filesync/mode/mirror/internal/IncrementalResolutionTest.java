package org.filesync.mode.mirror.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexEntry;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.internal.ResolverComponent;
import org.filesync.resolver.testing.MemoryIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Incremental resolution reads only what changed since a checkpoint and gives the same plan as a
 * full merge of the same states.
 */
class IncrementalResolutionTest {

    static final Path SRC = Path.of("/src");
    static final Path DST = Path.of("/dst");
    static final String[] NAMES = {"a", "a-b", "a.c", "b", "b0", "c d", "é"};
    static final String[] CONTENTS = {"", "one", "two", "three"};

    final MemoryIndex index = new MemoryIndex().add(SRC).add(DST);
    final ResolverComponent resolver = MirrorModeTest.resolver(index);

    Endpoint source = new Endpoint(SRC, "");
    Endpoint target = new Endpoint(DST, "");

    ResolveRequest full() {
        return ResolveRequest.full("c", source, target, "mirror");
    }

    ResolveRequest since(Checkpoint cp) {
        return ResolveRequest.since("c", source, target, "mirror", cp);
    }

    /** Syncs in full until the ends agree; returns the checkpoint of the agreeing plan. */
    Checkpoint agree() {
        Plan plan = resolver.resolve(full());
        PlanApplier.apply(index, full(), plan);
        Plan verify = resolver.resolve(full());
        assertTrue(verify.inAgreement(), () -> "not converged: " + verify);
        return verify.checkpoint();
    }

    void assertSamePlan(Plan full, Plan incremental) {
        assertEquals(Resolution.FULL, full.resolution());
        assertEquals(Resolution.INCREMENTAL, incremental.resolution());
        assertEquals(full.copies(), incremental.copies());
        assertEquals(full.deletes(), incremental.deletes());
        assertEquals(full.skipped(), incremental.skipped());
        assertEquals(full.checkpoint(), incremental.checkpoint());
        assertEquals(full.target().removedEntries(), incremental.target().removedEntries());
        assertEquals(full.target().removedFiles(), incremental.target().removedFiles());
        if (full.target().removedEntries() > 0) {
            assertEquals(full.source(), incremental.source());
            assertEquals(full.target(), incremental.target());
            assertEquals(full.sourceEmpty(), incremental.sourceEmpty());
        }
    }

    static Stream<Arguments> seeds() {
        return LongStream.rangeClosed(1, 40).mapToObj(seed -> Arguments.of(seed, seed % 4 == 0));
    }

    @ParameterizedTest(name = "seed {0}, ends inside locations: {1}")
    @MethodSource("seeds")
    void randomChangesOnBothEndsGiveTheSamePlanAsAFullMerge(long seed, boolean prefixed) {
        Random random = new Random(seed);
        if (prefixed) {
            index.dir(SRC, "p");
            index.dir(DST, "q");
            index.dir(DST, "q/r");
            source = new Endpoint(SRC, "p");
            target = new Endpoint(DST, "q/r");
        }
        grow(source, random, 60);
        grow(target, random, 30);
        Checkpoint checkpoint = agree();
        for (int round = 0; round < 8; round++) {
            mutate(source, random, 1 + random.nextInt(12), round % 2 == 1);
            mutate(target, random, random.nextInt(6), round % 2 == 1);
            if (prefixed) { // changes outside the ends move the locations' sequences, nothing else
                index.file(SRC, "p-noise", "n" + round);
                index.file(SRC, "o", "n" + round);
                index.file(DST, "q/r-noise", "n" + round);
                index.file(DST, "q/s", "n" + round);
            }

            Plan incremental = resolver.resolve(since(checkpoint));
            Plan full = resolver.resolve(full());
            assertSamePlan(full, incremental);

            PlanApplier.apply(index, full(), incremental);
            // the verification resolves incrementally from the same, older checkpoint
            Plan verify = resolver.resolve(since(checkpoint));
            assertTrue(verify.isEmpty(), () -> "not converged: " + verify);
            assertTrue(resolver.resolve(full()).isEmpty());
            assertEquals(verify.skipped(), resolver.resolve(full()).skipped());
            if (verify.inAgreement()) {
                checkpoint = verify.checkpoint(); // else the older one stays valid
            }
        }
    }

    @Test
    void noChangeReadsNoEntryStream() {
        grow(source, new Random(42), 200);
        Checkpoint checkpoint = agree();
        index.entryStreams.set(0);

        Plan plan = resolver.resolve(since(checkpoint));

        assertTrue(plan.inAgreement());
        assertEquals(Resolution.INCREMENTAL, plan.resolution());
        assertEquals(0, index.entryStreams.get());
    }

    @Test
    void aFewChangesAreResolvedWithoutStreamingEitherEnd() {
        index.dir(SRC, "d");
        for (int i = 0; i < 100; i++) {
            index.file(SRC, "d/f" + i, "v" + i);
        }
        Checkpoint checkpoint = agree();
        index.file(SRC, "d/f7", "changed");
        index.file(SRC, "d/new", "new");
        index.file(DST, "d/f9", "edited in the target");
        index.entryStreams.set(0);

        Plan plan = resolver.resolve(since(checkpoint));

        assertEquals(List.of("COPY d/f7", "COPY d/f9", "COPY d/new"), MirrorModeTest.describe(plan.copies()));
        assertEquals(0, index.entryStreams.get(), "no full stream without deletions");
        assertEquals(false, plan.target().counted());
        assertSamePlan(resolver.resolve(full()), plan);
    }

    @Test
    void deletionsAreCountedForTheSafetyLimitsAndAnEmptiedSourceIsFlagged() {
        index.dir(SRC, "d");
        index.file(SRC, "d/a", "a");
        index.file(SRC, "d/b", "b");
        index.file(SRC, "c", "c");
        Checkpoint checkpoint = agree();
        index.remove(SRC, "d");
        index.remove(SRC, "c");

        Plan plan = resolver.resolve(since(checkpoint));

        assertEquals(
                List.of("DELETE d/b", "DELETE d/a", "DELETE d", "DELETE c"), MirrorModeTest.describe(plan.deletes()));
        assertTrue(plan.sourceEmpty());
        assertEquals(100.0, plan.target().removedFilePercent());
        assertSamePlan(resolver.resolve(full()), plan);
    }

    @Test
    void aDirectoryReplacedByAFileInTheSourceDisplacesTheUnchangedTargetSubtree() {
        index.dir(SRC, "x");
        index.dir(SRC, "x/y");
        index.file(SRC, "x/y/z", "z");
        index.file(SRC, "x/w", "w");
        Checkpoint checkpoint = agree();
        index.remove(SRC, "x");
        index.file(SRC, "x", "file now");

        Plan plan = resolver.resolve(since(checkpoint));

        assertEquals(List.of("DISPLACE x", "COPY x"), MirrorModeTest.describe(plan.copies()));
        assertTrue(plan.deletes().isEmpty());
        assertSamePlan(resolver.resolve(full()), plan);
    }

    @Test
    void targetEntriesAddedUnderAnUnreadableSourceDirectoryAreKept() {
        index.dir(SRC, "locked");
        Checkpoint checkpoint = agree();
        index.unreadable(SRC, "locked", EntryKind.DIRECTORY);
        index.file(DST, "locked/keep", "k");

        Plan plan = resolver.resolve(since(checkpoint));

        assertTrue(plan.deletes().isEmpty());
        assertEquals(1, plan.skipped().size());
        assertSamePlan(resolver.resolve(full()), plan);
    }

    @Test
    void withoutCheckpointOrOnRequestTheResolutionIsFull() {
        index.file(SRC, "f", "f");
        Checkpoint checkpoint = agree();
        ResolveRequest forced = new ResolveRequest(
                "c",
                new Endpoint(SRC, ""),
                new Endpoint(DST, ""),
                "mirror",
                java.util.Optional.of(checkpoint),
                true,
                org.filesync.resolver.Baseline.none(),
                "newest-wins",
                java.util.Map.of(),
                org.filesync.index.IgnoreRules.NONE);
        assertEquals(Resolution.FULL, resolver.resolve(forced).resolution());
        assertEquals(Resolution.FULL, resolver.resolve(full()).resolution());
        assertEquals(Resolution.INCREMENTAL, resolver.resolve(since(checkpoint)).resolution());
    }

    // ---- random trees ------------------------------------------------------------------------

    /** Adds {@code n} random entries under random existing directories of an end. */
    void grow(Endpoint end, Random random, int n) {
        for (int i = 0; i < n; i++) {
            addRandom(end, random);
        }
    }

    /** Random changes inside an end; with {@code odd}, also unreadable entries and special files. */
    void mutate(Endpoint end, Random random, int n, boolean odd) {
        Path root = end.root();
        for (int i = 0; i < n; i++) {
            List<IndexEntry> live = inside(end);
            int action = random.nextInt(odd ? 9 : 7);
            if (live.isEmpty() || action == 0) {
                addRandom(end, random);
                continue;
            }
            IndexEntry e = live.get(random.nextInt(live.size()));
            switch (action) {
                case 1 -> index.remove(root, e.path());
                case 2 -> {
                    if (e.kind() == EntryKind.FILE) {
                        index.file(root, e.path(), pick(random, CONTENTS) + random.nextInt(3));
                    } else {
                        addRandom(end, random);
                    }
                }
                case 3 -> index.put(root, touched(e, random));
                case 4 -> {
                    index.remove(root, e.path());
                    addAt(root, random, e.path());
                }
                case 7 -> {
                    if (e.kind() == EntryKind.FILE || e.kind() == EntryKind.DIRECTORY) {
                        index.unreadable(root, e.path(), e.kind()); // a directory keeps its rows
                    }
                }
                case 8 -> {
                    if (e.kind() != EntryKind.DIRECTORY) {
                        index.remove(root, e.path());
                        index.special(root, e.path());
                    }
                }
                default -> addRandom(end, random);
            }
        }
    }

    /** The live entries strictly inside an end. */
    private List<IndexEntry> inside(Endpoint end) {
        String prefix = end.prefix();
        return index.liveEntries(end.root()).stream()
                .filter(e -> prefix.isEmpty() || e.path().startsWith(prefix + "/"))
                .toList();
    }

    private IndexEntry touched(IndexEntry e, Random random) {
        return new IndexEntry(
                e.path(),
                new EntryFacts(
                        e.kind(),
                        e.size(),
                        e.mtimeNanos() + (random.nextBoolean() ? 1_000_000_000L : 0),
                        random.nextBoolean() ? e.mode() : 0600,
                        e.symlinkTarget(),
                        e.hash()),
                e.inode(),
                0,
                false,
                e.error());
    }

    private void addRandom(Endpoint end, Random random) {
        List<String> dirs = new ArrayList<>();
        dirs.add(end.prefix());
        inside(end).stream()
                .filter(e -> e.kind() == EntryKind.DIRECTORY && e.path().split("/").length < 5)
                .forEach(e -> dirs.add(e.path()));
        String parent = dirs.get(random.nextInt(dirs.size()));
        String name = pick(random, NAMES);
        String path = parent.isEmpty() ? name : parent + "/" + name;
        if (index.live(end.root(), path).isPresent()) {
            return;
        }
        addAt(end.root(), random, path);
    }

    private void addAt(Path root, Random random, String path) {
        int kind = random.nextInt(10);
        if (kind < 5) {
            index.file(root, path, pick(random, CONTENTS), MemoryIndex.DEFAULT_MTIME_MS + random.nextInt(2), 0644);
        } else if (kind < 8) {
            index.dir(root, path, MemoryIndex.DEFAULT_MTIME_MS, random.nextBoolean() ? 0755 : 0700);
        } else {
            index.symlink(root, path, pick(random, NAMES));
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    @Test
    void aCheckpointAheadOfTheIndexFallsBackToFull() {
        index.file(SRC, "f", "f");
        ResolveRequest request = ResolveRequest.since("c", source, target, "mirror", new Checkpoint(50, 0));
        Plan plan = resolver.resolve(request);
        assertEquals(Resolution.FULL, plan.resolution());
        assertEquals(new Checkpoint(1, 0), plan.checkpoint());
        assertEquals(1, plan.copies().size());
    }
}
