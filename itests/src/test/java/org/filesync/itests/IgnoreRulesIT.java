package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.InvalidOptionException;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Ignore rules in the real container (docs/ignore-rules.md): what they match is invisible on both
 * ends in both modes, a directory that still holds ignored entries is kept and warned about (or
 * removed with them when they are all {@code (?d)}), and changing the rules never deletes anything.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IgnoreRulesIT extends FileSyncTestSupport {
    /** The modification time of a file whose content says it was edited. */
    private static final FileTime EDITED = FileTime.from(Instant.parse("2022-01-01T00:00:00Z"));

    @Inject
    protected FileIndex index;

    @Test
    public void aMirrorNeverCopiesIgnoredSourceFilesNorDeletesIgnoredTargetFiles() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        writeDated(source.resolve("keep.txt"), "keep");
        writeDated(source.resolve("debug.log"), "log");
        writeDated(Files.createDirectories(source.resolve("node_modules/pkg")).resolve("index.js"), "js");
        writeDated(target.resolve("notes.swp"), "the target's own swap file");
        Conduit conduit = create(source, target, "mirror", "*.log", "node_modules/", "*.swp");

        Generation run = sync(conduit);

        assertVerified(run);
        assertEquals(1, run.filesCopied());
        assertEquals(0, run.filesDeleted());
        // debug.log, node_modules (one entry: the index does not look inside) and the target's notes.swp
        assertEquals("the summary counts what the rules kept out: " + run, 3, run.ignored());
        assertEquals("keep", Files.readString(target.resolve("keep.txt")));
        assertFalse(Files.exists(target.resolve("debug.log")));
        assertFalse(Files.exists(target.resolve("node_modules")));
        assertEquals("the target's own swap file", Files.readString(target.resolve("notes.swp")));
        assertNothingPlanned(conduit);
        String shown = executeOk("filesync:conduit-show " + conduit.id());
        assertTrue(shown, shown.contains("node_modules/"));
    }

    @Test
    public void aBidirectionalConduitRaisesNoConflictForAnIgnoredPathEditedOnBothEnds() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        writeDated(source.resolve("shared.txt"), "shared");
        writeDated(source.resolve("local.cfg"), "source settings");
        writeDated(target.resolve("local.cfg"), "target settings");
        writeDated(target.resolve("cache.tmp"), "target cache");
        Conduit conduit = create(source, target, "bidirectional", "local.cfg", "*.tmp");

        Generation run = sync(conduit);

        assertVerified(run);
        assertEquals(0, run.conflicts());
        assertEquals("shared", Files.readString(target.resolve("shared.txt")));
        assertFalse(Files.exists(source.resolve("cache.tmp")));
        writeDated(source.resolve("local.cfg"), "source settings, edited");
        writeDated(target.resolve("local.cfg"), "target settings, edited");
        Generation edited = sync(conduit);
        assertVerified(edited);
        assertEquals(0, edited.conflicts());
        assertTrue(fileSync.conflicts(conduit.id()).isEmpty());
        assertEquals("source settings, edited", Files.readString(source.resolve("local.cfg")));
        assertEquals("target settings, edited", Files.readString(target.resolve("local.cfg")));
        assertNothingPlanned(conduit);
    }

    @Test
    public void aDeletedDirectoryWhoseTargetCopyHoldsAnIgnoredFileIsKeptWithAWarningAndTheRunVerifies()
            throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        writeDated(Files.createDirectories(source.resolve("project")).resolve("main.c"), "int main;");
        Conduit conduit = create(source, target, "mirror", "*.o");
        assertVerified(sync(conduit));
        writeDated(target.resolve("project/main.o"), "object code built on the target");
        deleteTree(source.resolve("project"));

        String printed = executeOk("filesync:sync --wait " + conduit.id());

        assertTrue(printed, printed.contains("deleted=1 moved=0 conflicts=0"));
        assertTrue(printed, printed.contains("status=verified"));
        assertTrue(
                printed, printed.contains("warning: project: kept: it holds 1 ignored entry (first: project/main.o)"));
        Generation run = fileSync.history(conduit.id()).stream()
                .max(java.util.Comparator.comparingLong(Generation::number))
                .orElseThrow();
        assertVerified(run);
        assertEquals(run.warnings().toString(), 1, run.warnings().size());
        assertEquals("object code built on the target", Files.readString(target.resolve("project/main.o")));
        assertFalse(Files.exists(target.resolve("project/main.c")));
        assertNothingPlanned(conduit);
    }

    @Test
    public void aDeletedDirectoryWhoseIgnoredEntriesAreAllDeletableGoesToTheTrashWithThem() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        writeDated(Files.createDirectories(source.resolve("lib")).resolve("m.py"), "code");
        Conduit conduit = create(source, target, "mirror", "(?d)__pycache__/");
        assertVerified(sync(conduit));
        writeDated(Files.createDirectories(target.resolve("lib/__pycache__")).resolve("m.pyc"), "bytecode");
        deleteTree(source.resolve("lib"));

        Generation run = sync(conduit);

        assertVerified(run);
        assertTrue(run.warnings().toString(), run.warnings().isEmpty());
        assertFalse(Files.exists(target.resolve("lib")));
        Path trash = target.resolve(".filesync/trash/" + run.number());
        assertEquals("bytecode", Files.readString(trash.resolve("lib/__pycache__/m.pyc")));
        assertEquals("code", Files.readString(trash.resolve("lib/m.py")));
        assertNothingPlanned(conduit);
    }

    @Test
    public void maxDeleteCountsOnlyThePathsTheRulesShow() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        writeDated(Files.createDirectories(source.resolve("gone")).resolve("one.txt"), "1");
        writeDated(source.resolve("two.txt"), "2");
        writeDated(source.resolve("three.txt"), "3");
        Conduit created = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults().withMaxDeletePercent(40).withIgnores(List.of("(?d)*.bak"))));
        assertVerified(sync(created));
        for (int i = 0; i < 6; i++) {
            writeDated(target.resolve("gone/copy" + i + ".bak"), "backup " + i);
        }
        deleteTree(source.resolve("gone"));

        // one of three files deleted: 33 % < 40 %, though seven entries leave the target
        Generation run = sync(created);

        assertVerified(run);
        assertFalse(Files.exists(target.resolve("gone")));
        assertNothingPlanned(created);
    }

    @Test
    public void addingARuleAndRemovingItAgainDeletesNothingAndTheEndsEndEqual() throws Exception {
        for (String mode : List.of("mirror", "bidirectional")) {
            Path source = newDirectory("src");
            Path target = newDirectory("dst");
            writeDated(source.resolve("a.txt"), "a");
            writeDated(source.resolve("b.log"), "b");
            writeDated(Files.createDirectories(source.resolve("logs")).resolve("c.log"), "c");
            Conduit conduit = create(source, target, mode);
            assertVerified(sync(conduit));

            Conduit ruled = update(conduit, List.of("*.log"));
            Generation ignoring = sync(ruled);
            assertVerified(ignoring);
            assertEquals(mode, 0, ignoring.filesDeleted());
            assertEquals(mode, tree(source), tree(target));

            Conduit unruled = update(ruled, List.of());
            Generation again = sync(unruled);
            assertVerified(again);
            assertEquals(mode, 0, again.filesDeleted());
            assertEquals(mode, 0, again.filesCopied());
            assertEquals(mode, tree(source), tree(target));
            assertNothingPlanned(unruled);
        }
    }

    @Test
    public void aPathDeletedOnOneEndWhileIgnoredComesBackAsNewWhenTheRuleGoesInsteadOfBeingDeleted() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        writeDated(source.resolve("a.txt"), "a");
        writeDated(source.resolve("b.log"), "the only copy left, soon");
        Conduit conduit = create(source, target, "bidirectional");
        assertVerified(sync(conduit));
        Conduit ruled = update(conduit, List.of("*.log"));
        assertVerified(sync(ruled));
        Files.delete(target.resolve("b.log"));
        assertVerified(sync(ruled));

        Generation reincluded = sync(update(ruled, List.of()));

        assertVerified(reincluded);
        assertEquals(0, reincluded.filesDeleted());
        assertEquals("the only copy left, soon", Files.readString(source.resolve("b.log")));
        assertEquals("the only copy left, soon", Files.readString(target.resolve("b.log")));
    }

    @Test
    public void aReincludedSubtreeSyncs() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        writeDated(source.resolve("a.txt"), "a");
        writeDated(Files.createDirectories(source.resolve("build/classes")).resolve("A.class"), "bytecode");
        Conduit conduit = create(source, target, "mirror", "build/");
        assertVerified(sync(conduit));
        assertFalse(Files.exists(target.resolve("build")));
        assertTrue(
                "the ignored build/ is one entry, not walked",
                index.entry(source, "build").isPresent());
        assertFalse(index.entry(source, "build/classes").isPresent());

        Generation reincluded = sync(update(conduit, List.of()));

        assertVerified(reincluded);
        assertEquals("bytecode", Files.readString(target.resolve("build/classes/A.class")));
        assertTrue(index.entry(source, "build/classes/A.class")
                .orElseThrow()
                .hash()
                .isPresent());
        assertNothingPlanned(conduit);
    }

    @Test
    public void aSubtreeEveryConduitOfAnEndIgnoresIsNotIndexedWhileOneThatAnotherConduitSeesIs() throws Exception {
        Path shared = newDirectory("shared");
        Path first = newDirectory("first");
        Path second = newDirectory("second");
        writeDated(Files.createDirectories(shared.resolve("node_modules/pkg")).resolve("index.js"), "js");
        writeDated(Files.createDirectories(shared.resolve("cache/blobs")).resolve("blob"), "blob");
        writeDated(shared.resolve("app.js"), "app");
        Conduit one = create(shared, first, "mirror", "node_modules/", "cache/");
        Conduit two = create(shared, second, "mirror", "node_modules/");
        assertVerified(sync(one));
        assertVerified(sync(two));

        assertTrue(index.entry(shared, "node_modules").isPresent());
        assertFalse(
                "both conduits ignore node_modules/",
                index.entry(shared, "node_modules/pkg").isPresent());
        assertTrue(
                "the second conduit sees cache/",
                index.entry(shared, "cache/blobs/blob").isPresent());
        assertEquals("blob", Files.readString(second.resolve("cache/blobs/blob")));
        assertFalse(Files.exists(first.resolve("cache")));

        fileSync.deleteConduit(two.id());
        awaitCondition("cache/ left out of the index once the only conduit that saw it is gone", () -> index.entry(
                        shared, "cache/blobs")
                .filter(e -> !e.deleted())
                .isEmpty());
        assertNothingPlanned(one);
    }

    @Test
    public void badPatternsAreRefusedAndChangeNothing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Conduit conduit = create(source, target, "mirror", "*.o");
        for (List<String> bad : List.of(List.of("[z-a]"), List.of("   "), List.of("a\u0007b"))) {
            try {
                fileSync.updateConduit(conduit.id(), conduit.options().withIgnores(bad));
                throw new AssertionError("accepted " + bad);
            } catch (InvalidOptionException refused) {
                assertTrue(
                        refused.getMessage(), refused.getMessage().toLowerCase().contains("ignore"));
            }
        }
        CommandResult both = execute("filesync:conduit-update --ignore x --no-ignores " + conduit.id());
        assertTrue(both.output(), both.error() != null);
        assertEquals(
                List.of("*.o"),
                fileSync.getConduit(conduit.id()).orElseThrow().options().ignores());
        executeOk("filesync:conduit-update --ignore '*.tmp' --ignore '(?d).DS_Store' " + conduit.id());
        assertEquals(
                List.of("*.tmp", "(?d).DS_Store"),
                fileSync.getConduit(conduit.id()).orElseThrow().options().ignores());
        executeOk("filesync:conduit-update --no-ignores " + conduit.id());
        assertEquals(
                List.of(),
                fileSync.getConduit(conduit.id()).orElseThrow().options().ignores());
    }

    private Conduit create(Path source, Path target, String mode, String... ignores) {
        return fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults()
                        .withMode(mode)
                        .withMaxDeletePercent(100)
                        .withIgnores(List.of(ignores))));
    }

    private Conduit update(Conduit conduit, List<String> ignores) {
        Conduit current = fileSync.getConduit(conduit.id()).orElseThrow();
        return fileSync.updateConduit(conduit.id(), current.options().withIgnores(ignores));
    }

    /** Every file and directory of an end outside {@code .filesync}, with file contents. */
    private static Map<String, String> tree(Path end) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> all = Files.walk(end)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                String relative = end.relativize(path).toString();
                if (relative.isEmpty() || new IgnoreRules(List.of()).ignores(relative, Files.isDirectory(path))) {
                    continue;
                }
                tree.put(relative, Files.isDirectory(path) ? "/" : Files.readString(path));
            }
        }
        return tree;
    }

    /** Writes a file modified {@link #OLD}, or {@link #EDITED} when its content contains "edited". */
    private static void writeDated(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, content.contains("edited") ? EDITED : OLD);
    }
}
