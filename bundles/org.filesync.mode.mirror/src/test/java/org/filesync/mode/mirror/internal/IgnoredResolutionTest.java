package org.filesync.mode.mirror.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.filesync.index.IgnoreRules;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Displace;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Skipped;
import org.filesync.resolver.internal.ResolverComponent;
import org.filesync.resolver.testing.MemoryIndex;
import org.junit.jupiter.api.Test;

/** The resolver hides what a conduit's ignore rules match on both ends, and keeps what they protect. */
class IgnoredResolutionTest {

    static final Path SRC = Path.of("/src");
    static final Path DST = Path.of("/dst");

    final MemoryIndex index = new MemoryIndex().add(SRC).add(DST);
    final ResolverComponent resolver = MirrorModeTest.resolver(index);

    ResolveRequest full(String... patterns) {
        return ResolveRequest.full("c", new Endpoint(SRC, ""), new Endpoint(DST, ""), "mirror")
                .withIgnores(new IgnoreRules(List.of(patterns)));
    }

    static List<String> paths(List<? extends Operation> operations) {
        return operations.stream().map(Operation::path).toList();
    }

    @Test
    void anIgnoredSourceFileIsNeverCopiedAndIsCounted() {
        index.file(SRC, "keep.txt", "k");
        index.file(SRC, "build.log", "l");
        index.dir(SRC, "node_modules");
        index.file(SRC, "node_modules/x.js", "x");

        Plan plan = resolver.resolve(full("*.log", "node_modules/"));

        assertEquals(List.of("keep.txt"), paths(plan.copies()));
        assertEquals(3, plan.ignored());
    }

    @Test
    void aRenamedDirectoryWhoseOldNameHoldsIgnoredEntriesIsCopiedAndDeletedSoThatTheyStay() {
        index.dir(SRC, "project");
        index.file(SRC, "project/Main.java", "class Main {}");
        index.file(SRC, "project/README", "read me", 5_000, 0644);
        index.dir(DST, "project");
        index.file(DST, "project/Main.java", "class Main {}");
        index.file(DST, "project/README", "read me");
        index.file(DST, "project/build.log", "the target's own");
        index.remove(SRC, "project");
        index.dir(SRC, "renamed");
        index.file(SRC, "renamed/Main.java", "class Main {}");
        index.file(SRC, "renamed/README", "read me", 5_000, 0644);

        Plan plan = resolver.resolve(full("*.log"));

        assertEquals(List.of("renamed", "renamed/Main.java", "renamed/README"), paths(plan.copies()));
        assertEquals(List.of("project/README", "project/Main.java"), paths(plan.deletes()));
        assertEquals(List.of("project"), plan.kept().stream().map(Skipped::path).toList());
    }

    @Test
    void anIgnoredTargetOnlyFileIsNeverDeleted() {
        index.file(DST, "editor.swp", "s");
        index.file(DST, "stale.txt", "t");

        Plan plan = resolver.resolve(full("*.swp"));

        assertEquals(List.of("stale.txt"), paths(plan.deletes()));
        assertEquals(1, plan.target().removedFiles());
    }

    @Test
    void anIgnoredFileThatDiffersOnBothEndsIsLeftAlone() {
        index.file(SRC, "local.cfg", "mine");
        index.file(DST, "local.cfg", "theirs");

        Plan plan = resolver.resolve(full("local.cfg"));

        assertTrue(plan.inAgreement(), plan::toString);
    }

    @Test
    void aDirectoryHoldingAnIgnoredEntryIsKeptWithItsParentsAndWarnedWhileTheRestGoes() {
        index.dir(DST, "gone");
        index.dir(DST, "gone/deep");
        index.file(DST, "gone/deep/cache.tmp", "c");
        index.file(DST, "gone/deep/old.txt", "o");
        index.dir(DST, "gone/other");
        index.file(DST, "gone/other/x.txt", "x");

        Plan plan = resolver.resolve(full("*.tmp"));

        assertEquals(List.of("gone/other/x.txt", "gone/other", "gone/deep/old.txt"), paths(plan.deletes()));
        assertEquals(List.of("gone"), plan.kept().stream().map(Skipped::path).toList());
        assertTrue(plan.kept().get(0).reason().contains("1 ignored entry"), plan.kept()::toString);
        assertTrue(plan.skipped().isEmpty());
    }

    @Test
    void aDirectoryWhoseIgnoredEntriesAreAllDeletableGoesWithThem() {
        index.dir(DST, "gone");
        index.file(DST, "gone/a.txt", "a");
        index.dir(DST, "gone/__pycache__");
        index.file(DST, "gone/__pycache__/m.pyc", "p");

        Plan plan = resolver.resolve(full("(?d)__pycache__/"));

        assertEquals(
                List.of("gone/a.txt", "gone/__pycache__/m.pyc", "gone/__pycache__", "gone"), paths(plan.deletes()));
        assertTrue(plan.kept().isEmpty());
    }

    @Test
    void aFileCannotReplaceADirectoryHoldingIgnoredEntriesAndThePathIsSkipped() {
        index.file(SRC, "x", "now a file");
        index.dir(DST, "x");
        index.file(DST, "x/private.key", "k");

        Plan plan = resolver.resolve(full("*.key"));

        assertTrue(plan.copies().isEmpty(), plan.copies()::toString);
        assertEquals(List.of("x"), plan.skipped().stream().map(Skipped::path).toList());
    }

    @Test
    void aDisplacedDirectoryTakesItsDeletableIgnoredEntriesAlong() {
        index.file(SRC, "x", "now a file");
        index.dir(DST, "x");
        index.file(DST, "x/.DS_Store", "d");

        Plan plan = resolver.resolve(full("(?d).DS_Store"));

        Displace displace = (Displace) plan.copies().get(0);
        assertEquals(
                List.of("x/.DS_Store"),
                displace.subtree().stream().map(Delete::path).toList());
        assertEquals(List.of("x", "x"), paths(plan.copies()));
    }

    @Test
    void anIncrementalResolutionHidesIgnoredChangesToo() {
        index.file(SRC, "a.txt", "a");
        Plan first = resolver.resolve(full("*.o"));
        PlanApplier.apply(index, full("*.o"), first);
        Checkpoint agreed = resolver.resolve(full("*.o")).checkpoint();
        index.file(SRC, "main.o", "object");
        index.file(SRC, "b.txt", "b");

        Plan plan = resolver.resolve(
                ResolveRequest.since("c", new Endpoint(SRC, ""), new Endpoint(DST, ""), "mirror", agreed)
                        .withIgnores(new IgnoreRules(List.of("*.o"))));

        assertEquals(List.of("b.txt"), paths(plan.copies()));
    }
}
