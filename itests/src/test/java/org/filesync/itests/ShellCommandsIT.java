package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.Schedule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The conduit commands of the shell contract (the README's shell cheat-sheet), run in a real Karaf shell session. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends FileSyncTestSupport {

    @Test
    public void conduitCreatePrintsTheIdAndStoresEveryOptionGiven() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        String output =
                executeOk("filesync:conduit-create --mode bidirectional --conflict conflict-file --delete permanent"
                        + " --schedule interval:5m --parallel 2 --max-delete 20 --bandwidth 10M --verify-retry true "
                        + source
                        + " " + target);
        Conduit conduit = fileSync.listConduits().get(0);
        assertEquals("Conduit " + conduit.id() + " created", output.trim());
        assertEquals(
                ConduitOptions.defaults()
                        .withMode("bidirectional")
                        .withConflictStrategy("conflict-file")
                        .withDeleteStrategy("permanent")
                        .withSchedule(Schedule.parse("interval:5m"))
                        .withParallelTransfers(2)
                        .withMaxDeletePercent(20)
                        .withBandwidthLimit(10L * 1024 * 1024)
                        .withVerifyRetry(true),
                conduit.options());
    }

    @Test
    public void conduitListShowsEveryColumnOfTheContract() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        executeOk("filesync:conduit-create " + source + " " + target);
        String output = executeOk("filesync:conduit-list");
        String[] lines = output.split("\\R");
        for (String column :
                List.of("Id", "Mode", "Source", "Target", "Enabled", "Schedule", "Last sync", "Generation")) {
            assertTrue(lines[0], lines[0].contains(column));
        }
        String row = lines[2];
        assertTrue(row, row.contains("mirror"));
        assertTrue(row, row.contains(source.toRealPath().toString()));
        assertTrue(row, row.contains(target.toRealPath().toString()));
        assertTrue(row, row.contains("true"));
        assertTrue(row, row.contains("manual"));
        assertTrue(row, row.contains("never"));
    }

    @Test
    public void conduitShowPrintsTheDetails() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        executeOk("filesync:conduit-create --max-delete 5 " + source + " " + target);
        long id = fileSync.listConduits().get(0).id();
        String output = executeOk("filesync:conduit-show " + id);
        assertTrue(output, output.contains(source.toRealPath().toString()));
        assertTrue(output, output.matches("(?s).*Max delete\\s*\\|\\s*5 %.*"));
        assertTrue(output, output.matches("(?s).*Conflict strategy\\s*\\|\\s*newest-wins.*"));
    }

    @Test
    public void conduitUpdateChangesOnlyTheOptionsGiven() throws Exception {
        executeOk("filesync:conduit-create " + newDirectory("src") + " " + newDirectory("dst"));
        Conduit before = fileSync.listConduits().get(0);
        String output = executeOk("filesync:conduit-update --enabled false --parallel 8 " + before.id());
        assertEquals("Conduit " + before.id() + " updated", output.trim());
        Conduit after = fileSync.getConduit(before.id()).orElseThrow();
        assertEquals(before.options().withEnabled(false).withParallelTransfers(8), after.options());
    }

    @Test
    public void conduitDeleteRemovesTheConduitButNotTheFiles() throws Exception {
        Path source = newDirectory("src");
        Files.writeString(source.resolve("keep.txt"), "keep");
        executeOk("filesync:conduit-create " + source + " " + newDirectory("dst"));
        long id = fileSync.listConduits().get(0).id();
        assertEquals(
                "Conduit " + id + " deleted",
                executeOk("filesync:conduit-delete " + id).trim());
        assertTrue(fileSync.listConduits().isEmpty());
        assertEquals("keep", Files.readString(source.resolve("keep.txt")));
    }

    @Test
    public void aViewerMayListAndShowButNotChangeConduits() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        executeOk("filesync:conduit-create " + source + " " + target);
        long id = fileSync.listConduits().get(0).id();
        String listBefore = executeOk("filesync:conduit-list");

        CommandResult list = executeAs("filesync:conduit-list", "watcher", "viewer");
        assertNull(list.errorMessage(), list.error());
        assertEquals(listBefore, list.output());
        assertNull(executeAs("filesync:conduit-show " + id, "watcher", "viewer").error());

        for (String command : List.of(
                "filesync:conduit-create " + newDirectory("a") + " " + newDirectory("b"),
                "filesync:conduit-update --enabled false " + id,
                "filesync:conduit-delete " + id,
                "filesync:sync " + id,
                "filesync:conflict-resolve --use source " + id + " a.txt")) {
            CommandResult refused = executeAs(command, "watcher", "viewer");
            assertNotNull("a viewer ran " + command, refused.error());
            // Karaf hides the commands a user's roles do not allow.
            assertTrue(refused.errorMessage(), refused.errorMessage().startsWith("Command not found: filesync:"));
        }
        assertNull(executeAs("filesync:conflicts " + id, "watcher", "viewer").error());
        assertEquals(0, fileSync.history(id).size());
        assertEquals(listBefore, executeOk("filesync:conduit-list"));
    }

    @Test
    public void statusOfAnUnknownConduitIsRefusedLikeEveryOtherCommand() throws Exception {
        CommandResult unknown = execute("filesync:status 4711");
        assertEquals("No conduit with id 4711", unknown.errorMessage());
        assertEquals("", unknown.output());
        executeOk("filesync:conduit-create " + newDirectory("src") + " " + newDirectory("dst"));
        long id = fileSync.listConduits().get(0).id();
        assertEquals("No sync running", executeOk("filesync:status " + id).trim());
    }

    @Test
    public void aRefusedRunIsTheConduitsLastErrorUntilARunCompletes() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.writeString(source.resolve("a.txt"), "a");
        for (String extra : List.of("x1", "x2", "x3")) {
            Files.writeString(target.resolve(extra), extra);
        }
        executeOk("filesync:conduit-create " + source + " " + target);
        long id = fileSync.listConduits().get(0).id();
        assertTrue(lastError(id), lastError(id).equals("none"));

        CommandResult overLimit = execute("filesync:sync --wait " + id);
        assertNotNull(overLimit.output(), overLimit.error());
        assertTrue(overLimit.errorMessage(), overLimit.errorMessage().startsWith("Refusing to delete 3 of 3 files"));
        assertEquals("refused: " + overLimit.errorMessage(), lastError(id));

        Path away = source.resolveSibling(source.getFileName() + "-away");
        Files.move(source, away);
        try {
            CommandResult missing = execute("filesync:sync " + id);
            assertNotNull(missing.output(), missing.error());
            assertTrue(missing.errorMessage(), missing.errorMessage().contains("is missing"));
            assertEquals("refused: " + missing.errorMessage(), lastError(id));
        } finally {
            Files.move(away, source);
        }
        assertEquals(List.of("x1", "x2", "x3"), names(target));
        assertEquals(0, fileSync.history(id).size());

        String forced = executeOk("filesync:sync --wait --force " + id);
        assertTrue(forced, forced.contains("status=verified"));
        assertEquals("none", lastError(id));
    }

    @Test
    public void aConflictResolvedByAUserIsListedOnceAndAnEmptyQueueSaysSoInWords() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.writeString(source.resolve("c.txt"), "agreed");
        executeOk("filesync:conduit-create --mode bidirectional --conflict prompt " + source + " " + target);
        long id = fileSync.listConduits().get(0).id();
        assertEquals(
                "No pending conflicts for conduit " + id,
                executeOk("filesync:conflicts " + id).trim());
        assertEquals(
                "No conflicts recorded for conduit " + id,
                executeOk("filesync:conflicts --all " + id).trim());
        assertTrue(executeOk("filesync:sync --wait " + id).contains("status=verified"));
        Files.writeString(source.resolve("c.txt"), "the source's edit");
        Files.writeString(target.resolve("c.txt"), "the target's edit");
        assertTrue(executeOk("filesync:sync --wait " + id).contains("conflicts=1"));

        String pending = executeOk("filesync:conflicts " + id);
        assertEquals(pending, 1, lines(pending, "c.txt"));
        // one time-stamp format in every command: the facts of both sides and the detection time alike
        assertTrue(
                pending,
                Pattern.compile("modified \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")
                        .matcher(pending)
                        .find());
        assertFalse(
                pending,
                Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d").matcher(pending).find());

        executeOk("filesync:conflict-resolve --use source " + id + " c.txt");
        awaitCondition("the run applying the decision to end", () -> fileSync.activeRuns().stream()
                .noneMatch(run -> run.conduitId() == id));
        assertEquals("the source's edit", Files.readString(target.resolve("c.txt")));

        String all = executeOk("filesync:conflicts --all " + id);
        assertEquals(all, 1, lines(all, "c.txt"));
        assertTrue(all, all.contains("source (user)"));
        assertEquals(
                "No pending conflicts for conduit " + id,
                executeOk("filesync:conflicts " + id).trim());
    }

    @Test
    public void aDryRunCountsInWordsThatAgreeWithTheirNumber() throws Exception {
        Path source = newDirectory("src");
        Files.writeString(source.resolve("a.txt"), "hello");
        executeOk("filesync:conduit-create " + source + " " + newDirectory("dst"));
        long id = fileSync.listConduits().get(0).id();
        String[] lines = executeOk("filesync:sync --dry-run " + id).split("\\R");
        assertEquals(
                String.join("\n", lines),
                "Dry run: 1 operation, 1 copy, 0 deletes, 5 bytes; nothing changed",
                lines[lines.length - 1]);
        assertEquals(0, fileSync.history(id).size());
    }

    private String lastError(long id) {
        Matcher row = Pattern.compile("(?m)^Last error\\s*\\|\\s*(.*?)\\s*$")
                .matcher(executeOk("filesync:conduit-show " + id));
        assertTrue(row.find());
        return row.group(1);
    }

    private static long lines(String output, String containing) {
        return output.lines().filter(line -> line.contains(containing)).count();
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.equals(".filesync"))
                    .sorted()
                    .toList();
        }
    }
}
