package org.filesync.conflict.internal;

import static org.filesync.conflict.internal.Conflicts.bothModified;
import static org.filesync.conflict.internal.Conflicts.deletedInSource;
import static org.filesync.conflict.internal.Conflicts.deletedInTarget;
import static org.filesync.conflict.internal.Conflicts.directory;
import static org.filesync.conflict.internal.Conflicts.file;
import static org.filesync.conflict.internal.Conflicts.symlink;
import static org.filesync.conflict.internal.Conflicts.typeMismatch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConflictStrategiesTest {

    @Nested
    class NewestWins {
        private final ConflictStrategy strategy = new NewestWinsStrategy();

        @Test
        void theNewerSourceWinsBothModified() {
            assertEquals(ConflictDecision.wins(Side.SOURCE), strategy.decide(bothModified(3000, 2000)));
        }

        @Test
        void theNewerTargetWinsBothModified() {
            assertEquals(ConflictDecision.wins(Side.TARGET), strategy.decide(bothModified(2000, 3000)));
        }

        @Test
        void aTieGoesToTheSource() {
            assertEquals(ConflictDecision.wins(Side.SOURCE), strategy.decide(bothModified(2000, 2000)));
        }

        @Test
        void theModificationWinsOverADeletionInTheSource() {
            assertEquals(ConflictDecision.wins(Side.TARGET), strategy.decide(deletedInSource(500)));
        }

        @Test
        void theModificationWinsOverADeletionInTheTarget() {
            assertEquals(ConflictDecision.wins(Side.SOURCE), strategy.decide(deletedInTarget(500)));
        }

        @Test
        void theNewerEntryWinsATypeMismatch() {
            assertEquals(
                    ConflictDecision.wins(Side.TARGET),
                    strategy.decide(typeMismatch(file(2000, "aa"), directory(3000))));
            assertEquals(
                    ConflictDecision.wins(Side.SOURCE),
                    strategy.decide(typeMismatch(file(4000, "aa"), directory(3000))));
        }

        @Test
        void aTypeMismatchTieGoesToTheSource() {
            assertEquals(
                    ConflictDecision.wins(Side.SOURCE),
                    strategy.decide(typeMismatch(directory(2000), file(2000, "aa"))));
        }
    }

    @Nested
    class SourceWins {
        private final ConflictStrategy strategy = new SourceWinsStrategy();

        @Test
        void theSourceWinsBothModifiedEvenWhenOlder() {
            assertEquals(ConflictDecision.wins(Side.SOURCE), strategy.decide(bothModified(1000, 9000)));
        }

        @Test
        void theSourcesDeletionWins() {
            assertEquals(ConflictDecision.wins(Side.SOURCE), strategy.decide(deletedInSource(9000)));
        }

        @Test
        void theSourcesModificationWinsOverTheTargetsDeletion() {
            assertEquals(ConflictDecision.wins(Side.SOURCE), strategy.decide(deletedInTarget(1)));
        }

        @Test
        void theSourceWinsATypeMismatch() {
            assertEquals(
                    ConflictDecision.wins(Side.SOURCE), strategy.decide(typeMismatch(file(1, "aa"), directory(9000))));
        }
    }

    @Nested
    class TargetWins {
        private final ConflictStrategy strategy = new TargetWinsStrategy();

        @Test
        void theTargetWinsBothModifiedEvenWhenOlder() {
            assertEquals(ConflictDecision.wins(Side.TARGET), strategy.decide(bothModified(9000, 1000)));
        }

        @Test
        void theTargetsDeletionWins() {
            assertEquals(ConflictDecision.wins(Side.TARGET), strategy.decide(deletedInTarget(9000)));
        }

        @Test
        void theTargetsModificationWinsOverTheSourcesDeletion() {
            assertEquals(ConflictDecision.wins(Side.TARGET), strategy.decide(deletedInSource(1)));
        }

        @Test
        void theTargetWinsATypeMismatch() {
            assertEquals(
                    ConflictDecision.wins(Side.TARGET),
                    strategy.decide(typeMismatch(directory(9000), symlink(1, "x"))));
        }
    }

    @Nested
    class ConflictFile {
        private final ConflictStrategy strategy = new ConflictFileStrategy();

        @Test
        void bothModifiedKeepsBothWithTheNewerAtThePath() {
            assertEquals(ConflictDecision.keepBoth(Side.TARGET), strategy.decide(bothModified(2000, 3000)));
            assertEquals(ConflictDecision.keepBoth(Side.SOURCE), strategy.decide(bothModified(3000, 2000)));
        }

        @Test
        void aBothModifiedTieKeepsTheSourceAtThePath() {
            assertEquals(ConflictDecision.keepBoth(Side.SOURCE), strategy.decide(bothModified(2000, 2000)));
        }

        @Test
        void aDeletionLeavesNothingToKeepSoTheModificationWins() {
            assertEquals(ConflictDecision.wins(Side.TARGET), strategy.decide(deletedInSource(1)));
            assertEquals(ConflictDecision.wins(Side.SOURCE), strategy.decide(deletedInTarget(1)));
        }

        @Test
        void theDirectoryWinsATypeMismatchAndTheFileIsKept() {
            assertEquals(
                    ConflictDecision.keepBoth(Side.TARGET),
                    strategy.decide(typeMismatch(file(9000, "aa"), directory(1))));
            assertEquals(
                    ConflictDecision.keepBoth(Side.SOURCE),
                    strategy.decide(typeMismatch(directory(1), symlink(9000, "x"))));
        }

        @Test
        void aFileAgainstASymlinkKeepsBothWithTheNewerAtThePath() {
            assertEquals(
                    ConflictDecision.keepBoth(Side.TARGET),
                    strategy.decide(typeMismatch(file(1000, "aa"), symlink(2000, "x"))));
        }
    }

    @Nested
    class Prompt {
        private final ConflictStrategy strategy = new PromptStrategy();

        @Test
        void everyConflictTypeStaysPending() {
            assertEquals(ConflictDecision.pending(), strategy.decide(bothModified(1, 2)));
            assertEquals(ConflictDecision.pending(), strategy.decide(deletedInSource(1)));
            assertEquals(ConflictDecision.pending(), strategy.decide(deletedInTarget(1)));
            assertEquals(ConflictDecision.pending(), strategy.decide(typeMismatch(file(1, "aa"), directory(2))));
        }
    }
}
