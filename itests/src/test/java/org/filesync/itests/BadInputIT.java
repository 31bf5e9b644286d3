package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.FileSyncException;
import org.filesync.api.PathConflict;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Hostile and bad input (docs/guarantees.md), table-driven, through the shell and the service
 * API: each case gets a one-line error naming the problem, and nothing changes on disk or in the
 * store.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadInputIT extends FileSyncTestSupport {

    /** One bad request and a fragment its error message must contain. */
    private record Case(String request, String expected) {}

    @Test
    public void everyBadRequestThroughTheShellGetsOneLineAndChangesNothing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.writeString(source.resolve("a.txt"), "a");
        Path nested = Files.createDirectories(source.resolve("inner"));
        Path file = Files.writeString(source.resolve("file.txt"), "x");
        Path other = newDirectory("other");
        Path another = newDirectory("another");
        Path elsewhere = newDirectory("elsewhere");
        Path links = newDirectory("links");
        Path targetLink = Files.createSymbolicLink(links.resolve("to-elsewhere"), elsewhere);
        Path sourceAlias = Files.createSymbolicLink(links.resolve("alias-of-src"), source);
        Path disabledSource = newDirectory("dsrc");
        Path disabledTarget = newDirectory("ddst");
        executeOk("filesync:conduit-create " + source + " " + target);
        long id = fileSync.listConduits().get(0).id();
        executeOk("filesync:conduit-create " + disabledSource + " " + disabledTarget);
        long disabled = fileSync.listConduits().get(1).id();
        executeOk("filesync:conduit-update --enabled false " + disabled);
        // A bidirectional conduit with one pending conflict at c.txt, for the conflict commands.
        Path biSource = newDirectory("bsrc");
        Path biTarget = newDirectory("bdst");
        Files.writeString(biSource.resolve("c.txt"), "agreed");
        executeOk("filesync:conduit-create --mode bidirectional --conflict prompt " + biSource + " " + biTarget);
        long bidirectional = fileSync.listConduits().get(2).id();
        assertTrue(executeOk("filesync:sync --wait " + bidirectional).contains("status=verified"));
        Files.writeString(biSource.resolve("c.txt"), "the source's edit");
        Files.writeString(biTarget.resolve("c.txt"), "the target's edit");
        assertTrue(executeOk("filesync:sync --wait " + bidirectional).contains("conflicts=1"));
        List<PathConflict> pending = fileSync.conflicts(bidirectional);
        assertEquals(1, pending.size());
        String longName = "n".repeat(256);
        String longPath = "/" + "deep/".repeat(800);

        List<Case> cases = List.of(
                new Case(
                        "filesync:conduit-create relative/src " + target, "Source path must be absolute: relative/src"),
                new Case("filesync:conduit-create " + other + " ../dst", "Target path must be absolute: ../dst"),
                new Case("filesync:conduit-create " + other + " " + other + "-missing", "Target does not exist"),
                new Case("filesync:conduit-create " + other + "-gone " + another, "Source does not exist"),
                new Case("filesync:conduit-create " + other + " " + file, "Target is not a directory"),
                new Case("filesync:conduit-create " + other + " " + other, "Source and target are the same directory"),
                new Case(
                        "filesync:conduit-create " + other + " " + another + "/../" + other.getFileName(),
                        "Source and target are the same directory"),
                new Case("filesync:conduit-create " + source + " " + nested, "is inside source"),
                new Case("filesync:conduit-create " + nested + " " + source, "is inside target"),
                new Case("filesync:conduit-create " + other + " " + targetLink, "not a symbolic link"),
                new Case("filesync:conduit-create " + sourceAlias + "/inner " + source, "is inside target"),
                new Case("filesync:conduit-create " + source + " " + target, "already binds"),
                new Case("filesync:conduit-create " + target + " " + source, "already binds"),
                new Case(
                        "filesync:conduit-create --mode selective " + other + " " + another,
                        "Unknown mode 'selective'"),
                new Case(
                        "filesync:conduit-create --mode MIRROR " + other + " " + another, "Invalid mode name 'MIRROR'"),
                new Case("filesync:conduit-create --conflict coin-toss " + other + " " + another, "Unknown conflict"),
                new Case("filesync:conduit-create --delete shred " + other + " " + another, "Unknown delete 'shred'"),
                new Case("filesync:conduit-create --schedule hourly " + other + " " + another, "Invalid schedule"),
                new Case("filesync:conduit-create --schedule interval:1s " + other + " " + another, "at least 10s"),
                new Case("filesync:conduit-create --parallel 0 " + other + " " + another, "between 1 and 64, got 0"),
                new Case("filesync:conduit-create --parallel 65 " + other + " " + another, "between 1 and 64, got 65"),
                new Case(
                        "filesync:conduit-create --parallel many " + other + " " + another,
                        "Invalid --parallel 'many'"),
                new Case("filesync:conduit-create --max-delete 101 " + other + " " + another, "between 0 and 100"),
                new Case("filesync:conduit-create --max-delete -5 " + other + " " + another, "between 0 and 100"),
                new Case(
                        "filesync:conduit-create --max-delete 99999999999 " + other + " " + another,
                        "Invalid --max-delete '99999999999'"),
                new Case(
                        "filesync:conduit-create --verify-retry maybe " + other + " " + another,
                        "expected true or false"),
                new Case(
                        "filesync:conduit-create --bandwidth fast " + other + " " + another,
                        "Invalid --bandwidth 'fast'"),
                new Case("filesync:conduit-create " + other + " '" + other + "/new\nline'", "\\x0a"),
                new Case("filesync:conduit-create " + other + " " + other + "/" + longName, "does not exist"),
                new Case("filesync:conduit-create " + other + " " + longPath, "does not exist"),
                new Case("filesync:conduit-create " + other + " " + other + "/\uFFFD\uFFFD", "does not exist"),
                new Case("filesync:conduit-show 4711", "No conduit with id 4711"),
                new Case("filesync:conduit-show abc", "Invalid conduit id 'abc'"),
                new Case("filesync:conduit-update " + id, "Nothing to update"),
                new Case("filesync:conduit-update --enabled maybe " + id, "Invalid --enabled 'maybe'"),
                new Case("filesync:conduit-update --mode selective " + id, "Unknown mode 'selective'"),
                new Case("filesync:conduit-update --enabled false 4711", "No conduit with id 4711"),
                new Case("filesync:conduit-delete 0", "Invalid conduit id '0'"),
                new Case("filesync:conduit-delete 4711", "No conduit with id 4711"),
                new Case("filesync:sync 4711", "No conduit with id 4711"),
                new Case("filesync:sync " + disabled, "is disabled"),
                new Case("filesync:sync --dry-run 4711", "No conduit with id 4711"),
                new Case("filesync:history 4711", "No conduit with id 4711"),
                new Case("filesync:status x", "Invalid conduit id 'x'"),
                new Case("filesync:status 4711", "No conduit with id 4711"),
                new Case("filesync:conflict-resolve " + bidirectional + " c.txt", "--use"),
                new Case(
                        "filesync:conflict-resolve --use neither " + bidirectional + " c.txt",
                        "Unknown choice 'neither' for --use: use one of source, target, both"),
                new Case("filesync:conflict-resolve --use source 4711 c.txt", "No conduit with id 4711"),
                new Case("filesync:conflict-resolve --use source abc c.txt", "Invalid conduit id 'abc'"),
                new Case(
                        "filesync:conflict-resolve --use target " + bidirectional + " none.txt",
                        "has no pending conflict at none.txt"),
                new Case("filesync:conflict-resolve --use source " + id + " c.txt", "has no pending conflict at c.txt"),
                new Case("filesync:conflicts abc", "Invalid conduit id 'abc'"),
                new Case("filesync:conflicts 4711", "No conduit with id 4711"),
                new Case("filesync:conflicts --all 0", "Invalid conduit id '0'"));

        String listBefore = executeOk("filesync:conduit-list");
        List<String> disk = snapshot(source, target, other, another, elsewhere, biSource, biTarget);
        List<String> problems = new ArrayList<>();
        for (Case bad : cases) {
            CommandResult result = execute(bad.request());
            String message = result.errorMessage();
            if (result.error() == null) {
                problems.add("accepted: " + bad.request());
            } else if (message == null || !message.contains(bad.expected()) || message.contains("\n")) {
                problems.add(bad.request().replace("\n", "\\n") + " -> " + message);
            } else if (!result.output().isEmpty()) {
                problems.add(bad.request() + " printed " + result.output());
            }
        }
        assertEquals(String.join("\n", problems), List.of(), problems);
        assertTrue(cases.size() >= 30);
        assertEquals(listBefore, executeOk("filesync:conduit-list"));
        assertEquals(disk, snapshot(source, target, other, another, elsewhere, biSource, biTarget));
        assertEquals(0, fileSync.getConduit(id).orElseThrow().currentGeneration());
        assertEquals(pending, fileSync.conflicts(bidirectional));
        assertEquals("the source's edit", Files.readString(biSource.resolve("c.txt")));
        assertEquals("the target's edit", Files.readString(biTarget.resolve("c.txt")));
    }

    @Test
    public void everyBadRequestThroughTheServiceIsRefusedAndChangesNothing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.writeString(source.resolve("a.txt"), "a");
        Conduit conduit = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));
        List<Conduit> before = fileSync.listConduits();
        List<String> disk = snapshot(source, target);

        List<Supplier<Object>> requests = List.of(
                () -> fileSync.createConduit(ConduitSpec.of("", target.toString())),
                () -> fileSync.createConduit(ConduitSpec.of(source.toString(), "  ")),
                () -> fileSync.createConduit(ConduitSpec.of("\u0000", target.toString())),
                () -> fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString())),
                () -> fileSync.updateConduit(4711, ConduitOptions.defaults()),
                () -> fileSync.updateConduit(
                        conduit.id(), ConduitOptions.defaults().withMode("selective")),
                () -> fileSync.syncNow(4711, false),
                () -> fileSync.dryRun(-1),
                () -> fileSync.history(0),
                () -> {
                    fileSync.deleteConduit(4711);
                    return null;
                });
        for (Supplier<Object> request : requests) {
            FileSyncException error = null;
            try {
                request.get();
            } catch (FileSyncException e) {
                error = e;
            }
            assertNotNull("a bad request was accepted", error);
            assertFalse(error.getMessage(), error.getMessage().contains("\n"));
        }
        assertEquals(before, fileSync.listConduits());
        assertEquals(disk, snapshot(source, target));
    }

    @Test
    public void anEndpointReplacedByAFileOrASymlinkAfterCreationIsRefusedAtSyncTime() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Path elsewhere = newDirectory("elsewhere");
        Files.writeString(source.resolve("a.txt"), "a");
        Conduit conduit = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));
        List<String> elsewhereBefore = snapshot(elsewhere);

        Files.delete(target);
        Files.createSymbolicLink(target, elsewhere);
        CommandResult symlinked = execute("filesync:sync " + conduit.id());
        assertNotNull(symlinked.error());
        assertTrue(symlinked.errorMessage(), symlinked.errorMessage().contains("not a directory"));
        assertEquals(elsewhereBefore, snapshot(elsewhere));

        Files.delete(target);
        Files.writeString(target, "a file where the target was");
        CommandResult replaced = execute("filesync:sync " + conduit.id());
        assertNotNull(replaced.error());
        assertTrue(replaced.errorMessage(), replaced.errorMessage().contains("not a directory"));
        assertEquals("a file where the target was", Files.readString(target));
        Files.delete(target);
        Files.createDirectory(target);
    }

    /** Every path below the roots with its size, sorted: what "nothing changed on disk" compares. */
    private static List<String> snapshot(Path... roots) throws Exception {
        List<String> entries = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted().toList()) {
                    entries.add(path + " " + (Files.isRegularFile(path) ? Files.size(path) : -1));
                }
            }
        }
        return entries;
    }
}
