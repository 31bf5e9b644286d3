package org.filesync.mode.bidirectional.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.PlannedConflict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A property test: from random ends, over several rounds of random changes on both ends (creates,
 * edits, touches, deletes, renames, type changes), the incremental resolution from the last
 * checkpoint gives the same plan as the full one, and once a plan is applied a new resolution has
 * nothing left to do.
 */
class FullAndIncrementalAgreeTest {

    private static final List<String> STRATEGIES =
            List.of("newest-wins", "source-wins", "target-wins", "conflict-file");
    private static final List<String> NAMES = List.of("a", "b.txt", "c", "d");
    private static final List<String> CONTENTS = List.of("x", "y", "z", "");
    private static final int ROUNDS = 6;

    static Stream<Arguments> runs() {
        return LongStream.range(0, 120).boxed().flatMap(seed -> STRATEGIES.stream()
                .map(strategy -> Arguments.of(strategy, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void incrementalResolutionsEqualFullOnesAndEveryPlanSettles(String strategy, long seed) {
        Random random = new Random(seed);
        Ends ends = new Ends();
        for (int i = 0; i < 8; i++) {
            change(ends, Side.SOURCE, random);
            change(ends, Side.TARGET, random);
        }
        Checkpoint checkpoint = settle(ends, ends.resolve(strategy), strategy, "first run");
        for (int round = 1; round <= ROUNDS; round++) {
            int changes = 1 + random.nextInt(6);
            for (int i = 0; i < changes; i++) {
                change(ends, random.nextBoolean() ? Side.SOURCE : Side.TARGET, random);
            }
            Plan full = ends.resolve(strategy);
            Plan incremental = ends.resolveSince(checkpoint, strategy);
            assertEquals(Resolution.FULL, full.resolution());
            assertEquals(Resolution.INCREMENTAL, incremental.resolution());
            String where = "round " + round;
            assertEquals(full.copies(), incremental.copies(), where + ": copies");
            assertEquals(full.deletes(), incremental.deletes(), where + ": deletes");
            assertEquals(full.conflicts(), incremental.conflicts(), where + ": conflicts");
            assertEquals(full.baselineUpdates(), incremental.baselineUpdates(), where + ": baseline updates");
            assertEquals(full.skipped(), incremental.skipped(), where + ": skipped");
            assertSameCounts(full.source(), incremental.source(), where + ": source counts");
            assertSameCounts(full.target(), incremental.target(), where + ": target counts");
            checkpoint = settle(ends, full, strategy, where);
        }
    }

    /**
     * With {@code prompt}, conflicts stay pending across rounds and users decide some of them in
     * later rounds: the operations of both resolutions are still the same. An incremental
     * resolution lists only the conflicts at paths it read (the conduit's queue keeps the others).
     *
     * <p>Not covered, by design: after a checkpoint taken while a <em>directory</em> conflict was
     * pending, the paths under it disagree without having changed since, so the caller resolves in
     * full while such a conflict is pending (those rounds only check the full plan here).
     */
    @ParameterizedTest(name = "prompt, seed {0}")
    @MethodSource("seeds")
    void pendingConflictsAndLaterDecisionsKeepIncrementalEqualToFull(long seed) {
        Random random = new Random(seed);
        Ends ends = new Ends();
        String strategy = "prompt";
        for (int i = 0; i < 8; i++) {
            change(ends, Side.SOURCE, random);
            change(ends, Side.TARGET, random);
        }
        Plan first = ends.resolve(strategy);
        ends.apply(first);
        Plan verified = ends.resolve(strategy);
        assertEquals(List.of(), verified.operations(), "first run: left to do");
        ends.applyBaseline(verified);
        Checkpoint checkpoint = verified.checkpoint();
        List<PlannedConflict> pending = verified.pendingConflicts();
        for (int round = 1; round <= ROUNDS; round++) {
            String where = "round " + round;
            int changes = random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                change(ends, random.nextBoolean() ? Side.SOURCE : Side.TARGET, random);
            }
            Map<String, ConflictDecision> decisions = new HashMap<>();
            for (PlannedConflict c : pending) {
                if (random.nextBoolean()) {
                    decisions.put(c.path(), DECISIONS.get(random.nextInt(DECISIONS.size())));
                }
            }
            Plan full = ends.resolve(strategy, decisions);
            boolean directoryPending = pending.stream()
                    .anyMatch(c ->
                            c.conflict().source().map(EntryFacts::isDirectory).orElse(false)
                                    || c.conflict()
                                            .target()
                                            .map(EntryFacts::isDirectory)
                                            .orElse(false));
            Plan incremental = directoryPending ? full : ends.resolveSince(checkpoint, strategy, decisions);
            PROMPT_ROUNDS.incrementAndGet();
            if (!directoryPending) {
                PROMPT_ROUNDS_COMPARED.incrementAndGet();
            }
            assertEquals(full.copies(), incremental.copies(), where + ": copies");
            assertEquals(full.deletes(), incremental.deletes(), where + ": deletes");
            assertEquals(full.baselineUpdates(), incremental.baselineUpdates(), where + ": baseline updates");
            assertTrue(full.conflicts().containsAll(incremental.conflicts()), where + ": conflicts");
            for (PlannedConflict c : full.conflicts()) {
                if (!incremental.conflicts().contains(c)) {
                    assertTrue(c.decision().isPending(), where + ": a decided conflict missing: " + c);
                }
            }
            ends.apply(full);
            verified = ends.resolve(strategy);
            assertEquals(List.of(), verified.operations(), where + ": left to do");
            ends.applyBaseline(verified);
            checkpoint = verified.checkpoint();
            pending = verified.pendingConflicts();
        }
    }

    private static final AtomicInteger PROMPT_ROUNDS = new AtomicInteger();
    private static final AtomicInteger PROMPT_ROUNDS_COMPARED = new AtomicInteger();

    @AfterAll
    static void mostPromptRoundsWereCompared() {
        assertTrue(
                PROMPT_ROUNDS_COMPARED.get() * 2 > PROMPT_ROUNDS.get(),
                PROMPT_ROUNDS_COMPARED + " of " + PROMPT_ROUNDS + " prompt rounds compared");
    }

    private static final List<ConflictDecision> DECISIONS = List.of(
            ConflictDecision.wins(Side.SOURCE),
            ConflictDecision.wins(Side.TARGET),
            ConflictDecision.keepBoth(Side.SOURCE),
            ConflictDecision.keepBoth(Side.TARGET));

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    /** Applies a plan; the ends then agree, and the baseline takes what they agree on. */
    private static Checkpoint settle(Ends ends, Plan plan, String strategy, String where) {
        ends.apply(plan);
        Plan after = ends.resolve(strategy);
        assertEquals(List.of(), after.operations(), where + ": left to do after the plan");
        assertEquals(List.of(), after.conflicts(), where + ": conflicts after the plan");
        assertEquals(ends.livePaths(Side.SOURCE), ends.livePaths(Side.TARGET), where + ": the ends' paths");
        ends.applyBaseline(after);
        assertEquals(List.of(), ends.resolve(strategy).baselineUpdates(), where + ": the baseline agrees");
        return after.checkpoint();
    }

    private static void assertSameCounts(SideStats full, SideStats incremental, String what) {
        if (incremental.counted()) {
            assertEquals(full, incremental, what);
        } else {
            assertEquals(0, full.removedEntries(), what);
        }
    }

    // ---- random changes ------------------------------------------------------------------------

    private static void change(Ends ends, Side side, Random random) {
        List<String> live = ends.livePaths(side);
        String path = randomPath(random);
        switch (random.nextInt(9)) {
            case 0, 1 -> write(ends, side, path, random);
            case 2 -> {
                if (parents(ends, side, path) && ends.live(side, path).isEmpty()) {
                    ends.dir(side, path, mtime(random));
                }
            }
            case 3 -> {
                if (!live.isEmpty()) {
                    ends.remove(side, live.get(random.nextInt(live.size())));
                }
            }
            case 4 -> {
                if (!live.isEmpty()) {
                    String from = live.get(random.nextInt(live.size()));
                    if (!path.equals(from)
                            && !path.startsWith(from + "/")
                            && ends.live(side, path).isEmpty()
                            && parents(ends, side, path)) {
                        ends.rename(side, from, path);
                    }
                }
            }
            case 5 -> {
                if (!live.isEmpty()) {
                    String at = live.get(random.nextInt(live.size()));
                    boolean directory = ends.live(side, at).orElseThrow().isDirectory();
                    ends.remove(side, at);
                    if (directory) {
                        ends.file(side, at, content(random), mtime(random));
                    } else {
                        ends.dir(side, at, mtime(random));
                    }
                }
            }
            case 6 -> {
                if (parents(ends, side, path) && !isDirectory(ends, side, path)) {
                    ends.symlink(side, path, NAMES.get(random.nextInt(NAMES.size())));
                }
            }
            case 7 -> {
                List<String> files = new ArrayList<>(live);
                files.removeIf(p -> isDirectory(ends, side, p));
                if (!files.isEmpty()) {
                    ends.touch(
                            side,
                            files.get(random.nextInt(files.size())),
                            mtime(random),
                            random.nextBoolean() ? 0644 : 0600);
                }
            }
            default -> {
                if (!live.isEmpty()) {
                    String at = live.get(random.nextInt(live.size()));
                    if (!isDirectory(ends, side, at)) {
                        ends.file(side, at, content(random), mtime(random));
                    }
                }
            }
        }
    }

    private static void write(Ends ends, Side side, String path, Random random) {
        if (parents(ends, side, path) && !isDirectory(ends, side, path)) {
            ends.file(side, path, content(random), mtime(random));
        }
    }

    /** Makes the parent directories of a path; false if a non-directory is in the way. */
    private static boolean parents(Ends ends, Side side, String path) {
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            String ancestor = path.substring(0, i);
            Optional<EntryFacts> there = ends.live(side, ancestor);
            if (there.isEmpty()) {
                ends.dir(side, ancestor);
            } else if (!there.get().isDirectory()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDirectory(Ends ends, Side side, String path) {
        return ends.live(side, path).map(EntryFacts::isDirectory).orElse(false);
    }

    private static String randomPath(Random random) {
        int depth = 1 + random.nextInt(3);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                path.append('/');
            }
            path.append(NAMES.get(random.nextInt(NAMES.size())));
        }
        return path.toString();
    }

    private static String content(Random random) {
        return CONTENTS.get(random.nextInt(CONTENTS.size()));
    }

    private static long mtime(Random random) {
        return Ends.MTIME + 1000L * random.nextInt(4);
    }
}
