package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a location leaves out when every user ignores it (FileIndex#prune). */
class PruningTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final IgnoreRules NODE_MODULES = new IgnoreRules(List.of("node_modules/", "*.iso"));

    @TempDir
    Path tree;

    @TempDir
    Path db;

    private void buildTree() throws Exception {
        Trees.write(tree.resolve("src/app.js"), "app");
        for (int i = 0; i < 5; i++) {
            Trees.write(tree.resolve("node_modules/pkg" + i + "/lib/index.js"), "module " + i);
        }
        Trees.write(tree.resolve("disk.iso"), "a big image");
        Trees.write(tree.resolve("src/node_modules/inner.js"), "nested");
    }

    private static void settle(TestIndex index, Path root) throws InterruptedException {
        IndexStatus st = index.engine.awaitSettled(root, SETTLE);
        assertTrue(st.settled(), st.describe());
    }

    private static Optional<IndexEntry> entry(TestIndex index, Path root, String path) {
        return index.engine.entry(root, path).filter(e -> !e.deleted());
    }

    private static long liveBelow(TestIndex index, Path root, String directory) {
        return index.entries(root).stream()
                .filter(e -> !e.deleted() && e.path().startsWith(directory + "/"))
                .count();
    }

    @Test
    void aDirectoryEveryUserIgnoresIsOneEntryNeitherListedHashedNorWatched() throws Exception {
        buildTree();
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree, List.of(NODE_MODULES));
            settle(index, tree);
            assertEquals(
                    EntryKind.DIRECTORY,
                    entry(index, tree, "node_modules").orElseThrow().kind());
            assertEquals(0, liveBelow(index, tree, "node_modules"));
            assertEquals(0, liveBelow(index, tree, "src/node_modules"));
            assertTrue(entry(index, tree, "src/app.js").orElseThrow().hash().isPresent());
            assertEquals(0, index.hasher.calls("index.js"));
            assertTrue(index.engine.watchedUnder(tree.resolve("node_modules")).isEmpty());
            assertFalse(index.engine.watchedUnder(tree.resolve("src")).isEmpty());
        }
    }

    @Test
    void aFileEveryUserIgnoresIsIndexedWithoutAHash() throws Exception {
        buildTree();
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree, List.of(NODE_MODULES));
            settle(index, tree);
            IndexEntry iso = entry(index, tree, "disk.iso").orElseThrow();
            assertTrue(iso.hash().isEmpty());
            assertEquals(0, index.hasher.calls("disk.iso"));
        }
    }

    @Test
    void whatIsWrittenIntoAPrunedDirectoryNeverReachesTheIndex() throws Exception {
        buildTree();
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree, List.of(NODE_MODULES));
            settle(index, tree);
            Trees.write(tree.resolve("node_modules/late.js"), "late");
            Trees.write(tree.resolve("src/late.js"), "late");
            index.awaitCondition(SETTLE, () -> entry(index, tree, "src/late.js").isPresent(), "src/late.js indexed");
            index.engine.flushEvents(tree);
            settle(index, tree);
            assertEquals(0, liveBelow(index, tree, "node_modules"));
        }
    }

    @Test
    void aDirectoryOneUserStillSeesIsIndexedInFull() throws Exception {
        buildTree();
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree, List.of(NODE_MODULES, new IgnoreRules(List.of("*.iso"))));
            settle(index, tree);
            assertEquals(5, liveBelow(index, tree, "node_modules") / 3, "pkgN, pkgN/lib, pkgN/lib/index.js");
            assertTrue(entry(index, tree, "node_modules/pkg0/lib/index.js")
                    .orElseThrow()
                    .hash()
                    .isPresent());
            assertTrue(entry(index, tree, "disk.iso").orElseThrow().hash().isEmpty(), "both ignore *.iso");
        }
    }

    @Test
    void deletableContentStaysIndexedSoThatItsRemovalRechecksEachEntry() throws Exception {
        buildTree();
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree, List.of(new IgnoreRules(List.of("(?d)node_modules/"))));
            settle(index, tree);
            assertEquals(15, liveBelow(index, tree, "node_modules"));
        }
    }

    @Test
    void changedRulesLetContentOutAndBackInWithHashes() throws Exception {
        buildTree();
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree);
            settle(index, tree);
            assertEquals(15, liveBelow(index, tree, "node_modules"));

            index.engine.prune(tree, List.of(NODE_MODULES));
            settle(index, tree);
            assertEquals(0, liveBelow(index, tree, "node_modules"));
            assertTrue(index.engine.watchedUnder(tree.resolve("node_modules")).isEmpty());
            assertTrue(entry(index, tree, "node_modules").isPresent());

            index.engine.prune(tree, List.of());
            settle(index, tree);
            assertEquals(15, liveBelow(index, tree, "node_modules"));
            assertTrue(entry(index, tree, "node_modules/pkg3/lib/index.js")
                    .orElseThrow()
                    .hash()
                    .isPresent());
            assertTrue(entry(index, tree, "disk.iso").orElseThrow().hash().isPresent());
            assertFalse(
                    index.engine.watchedUnder(tree.resolve("node_modules/pkg3")).isEmpty());
        }
    }

    @Test
    void thePruningIsStoredWithTheLocationAndKeptAcrossARestart() throws Exception {
        buildTree();
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree, List.of(NODE_MODULES, new IgnoreRules(List.of("node_modules/"))));
            settle(index, tree);
        }
        Trees.write(tree.resolve("node_modules/while-down.js"), "x");
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            assertEquals(List.of(NODE_MODULES, new IgnoreRules(List.of("node_modules/"))), index.engine.pruning(tree));
            settle(index, tree);
            assertEquals(0, liveBelow(index, tree, "node_modules"));
            assertEquals(0, index.hasher.calls("while-down.js"));
        }
    }

    @Test
    void anEmptyRuleSetAmongTheUsersPrunesNothing() throws Exception {
        buildTree();
        Files.createDirectories(tree.resolve("empty"));
        try (TestIndex index = new TestIndex(db.resolve("db"))) {
            index.engine.register(tree, List.of(NODE_MODULES, IgnoreRules.NONE));
            settle(index, tree);
            assertEquals(15, liveBelow(index, tree, "node_modules"));
            assertTrue(entry(index, tree, "disk.iso").orElseThrow().hash().isPresent());
        }
    }
}
