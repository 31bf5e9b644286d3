package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.Schedule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The conduit commands of the shell contract (SPEC section 8), run in a real Karaf shell session. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends FileSyncTestSupport {

    @Test
    public void conduitCreatePrintsTheIdAndStoresEveryOptionGiven() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        String output =
                executeOk("filesync:conduit-create --mode bidirectional --conflict conflict-file --delete permanent"
                        + " --schedule interval:5m --parallel 2 --max-delete 20 " + source + " " + target);
        Conduit conduit = fileSync.listConduits().get(0);
        assertEquals("Conduit " + conduit.id() + " created", output.trim());
        assertEquals(
                ConduitOptions.defaults()
                        .withMode("bidirectional")
                        .withConflictStrategy("conflict-file")
                        .withDeleteStrategy("permanent")
                        .withSchedule(Schedule.parse("interval:5m"))
                        .withParallelTransfers(2)
                        .withMaxDeletePercent(20),
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
    public void everyRefusalPrintsOneLineNamingTheProblemAndChangesNothing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Path nested = Files.createDirectories(source.resolve("inner"));
        Path file = Files.writeString(source.resolve("file.txt"), "x");
        Path other = newDirectory("other");
        Path another = newDirectory("another");
        executeOk("filesync:conduit-create " + source + " " + target);
        long id = fileSync.listConduits().get(0).id();
        String listBefore = executeOk("filesync:conduit-list");
        String showBefore = executeOk("filesync:conduit-show " + id);

        String[][] cases = {
            {"filesync:conduit-create relative/src " + target, "Source path must be absolute: relative/src"},
            {"filesync:conduit-create " + other + " " + other + "-missing", "Target does not exist"},
            {"filesync:conduit-create " + other + " " + file, "Target is not a directory"},
            {"filesync:conduit-create " + other + " " + other, "Source and target are the same directory"},
            {"filesync:conduit-create " + source + " " + nested, "is inside source"},
            {"filesync:conduit-create " + nested + " " + source, "is inside target"},
            {"filesync:conduit-create " + source + " " + target, "already binds"},
            {"filesync:conduit-create " + target + " " + source, "already binds"},
            {"filesync:conduit-create --mode selective " + other + " " + another, "Unknown mode 'selective'"},
            {"filesync:conduit-create --conflict coin-toss " + other + " " + another, "Unknown conflict 'coin-toss'"},
            {"filesync:conduit-create --delete shred " + other + " " + another, "Unknown delete 'shred'"},
            {"filesync:conduit-create --schedule hourly " + other + " " + another, "Invalid schedule 'hourly'"},
            {
                "filesync:conduit-create --parallel 0 " + other + " " + another,
                "Parallel transfers must be between 1 and 64"
            },
            {"filesync:conduit-create --parallel many " + other + " " + another, "Invalid --parallel 'many'"},
            {
                "filesync:conduit-create --max-delete 101 " + other + " " + another,
                "Max-delete percentage must be between 0 and 100"
            },
            {
                "filesync:conduit-create --max-delete -1 " + other + " " + another,
                "Max-delete percentage must be between 0 and 100"
            },
            {"filesync:conduit-show 4711", "No conduit with id 4711"},
            {"filesync:conduit-show abc", "Invalid conduit id 'abc'"},
            {"filesync:conduit-update --enabled false 4711", "No conduit with id 4711"},
            {"filesync:conduit-update --enabled maybe " + id, "Invalid --enabled 'maybe'"},
            {"filesync:conduit-update " + id, "Nothing to update"},
            {"filesync:conduit-update --mode selective " + id, "Unknown mode 'selective'"},
            {"filesync:conduit-delete 4711", "No conduit with id 4711"},
            {"filesync:conduit-delete 0", "Invalid conduit id '0'"},
        };
        for (String[] refusal : cases) {
            CommandResult result = execute(refusal[0]);
            assertNotNull("accepted: " + refusal[0], result.error());
            String message = result.errorMessage();
            assertTrue(refusal[0] + " -> " + message, message.contains(refusal[1]));
            assertFalse(refusal[0] + " -> " + message, message.contains("\n"));
            assertEquals(refusal[0], "", result.output());
        }
        assertEquals(listBefore, executeOk("filesync:conduit-list"));
        assertEquals(showBefore, executeOk("filesync:conduit-show " + id));
        assertEquals(1, fileSync.listConduits().size());
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
                "filesync:conduit-delete " + id)) {
            CommandResult refused = executeAs(command, "watcher", "viewer");
            assertNotNull("a viewer ran " + command, refused.error());
            // Karaf hides the commands a user's roles do not allow.
            assertTrue(
                    refused.errorMessage(), refused.errorMessage().startsWith("Command not found: filesync:conduit-"));
        }
        assertEquals(listBefore, executeOk("filesync:conduit-list"));
    }
}
