package org.filesync.service.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitStatistics;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncRefusedException;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteRequest;
import org.junit.jupiter.api.Test;

class SafetyLimitsTest {

    private static final Path SOURCE = Path.of("/data/src");
    private static final Path TARGET = Path.of("/data/dst");

    @Test
    void deletingUpToTheLimitIsAllowed() {
        assertDoesNotThrow(() -> SafetyLimits.check(conduit(50), run(10, 5), false));
    }

    @Test
    void deletingMoreThanTheLimitIsRefusedWithTheFigures() {
        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> SafetyLimits.check(conduit(50), run(10, 6), false));
        assertEquals(
                "Refusing to delete 6 of 10 files (60 %) in /data/dst: conduit 3 allows 50 %;"
                        + " check the source, or run with --force",
                refused.getMessage());
    }

    @Test
    void emptyingASideCountsAsAHundredPercent() {
        assertThrows(SyncRefusedException.class, () -> SafetyLimits.check(conduit(99), run(0, 2), false));
        assertDoesNotThrow(() -> SafetyLimits.check(conduit(100), run(0, 2), false));
    }

    @Test
    void forceLiftsTheLimit() {
        assertDoesNotThrow(() -> SafetyLimits.check(conduit(0), run(10, 10), true));
    }

    private static Conduit conduit(int maxDeletePercent) {
        return new Conduit(
                3,
                UUID.randomUUID(),
                SOURCE,
                TARGET,
                ConduitOptions.defaults().withMaxDeletePercent(maxDeletePercent),
                Optional.empty(),
                0,
                Optional.empty(),
                ConduitStatistics.NONE);
    }

    private static ResolvedRun run(long targetFiles, long deletions) {
        return new ResolvedRun() {
            @Override
            public SyncPlan summary() {
                return new SyncPlan(3, List.of(), 0, deletions, 0, 0, 0, List.of());
            }

            @Override
            public List<SideCounts> sides() {
                return List.of(new SideCounts(SOURCE, 100, 0), new SideCounts(TARGET, targetFiles, deletions));
            }

            @Override
            public List<PlannedConflict> conflicts() {
                return List.of();
            }

            @Override
            public Set<String> decisions() {
                return Set.of();
            }

            @Override
            public List<CopyRequest> preservations(String generation) {
                return List.of();
            }

            @Override
            public List<String> lines() {
                return List.of();
            }

            @Override
            public List<DeleteRequest> displacements(String generation) {
                return List.of();
            }

            @Override
            public List<String> skipped() {
                return List.of();
            }

            @Override
            public List<CopyRequest> copies(String generation) {
                return List.of();
            }

            @Override
            public List<DeleteRequest> deletes(String generation) {
                return List.of();
            }

            @Override
            public MovesDone movesDone() {
                return new MovesDone(0, 0);
            }

            @Override
            public Set<Path> touched() {
                return Set.of();
            }

            @Override
            public Set<Path> contentTargets() {
                return Set.of();
            }
        };
    }
}
