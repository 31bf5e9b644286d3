package org.filesync.shell.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.filesync.api.ConduitOptions;
import org.filesync.api.FileSyncException;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.Schedule;
import org.junit.jupiter.api.Test;

class ConduitOptionsSupportTest {

    private static final class Options extends ConduitOptionsSupport {
        @Override
        Object run() {
            return applyTo(ConduitOptions.defaults());
        }
    }

    @Test
    void appliesOnlyTheOptionsGiven() {
        Options given = new Options();
        given.mode = "bidirectional";
        given.schedule = "interval:5m";
        given.maxDelete = "10";
        ConduitOptions applied = given.applyTo(ConduitOptions.defaults());
        assertEquals(
                ConduitOptions.defaults()
                        .withMode("bidirectional")
                        .withSchedule(Schedule.parse("interval:5m"))
                        .withMaxDeletePercent(10),
                applied);
    }

    @Test
    void everySettingsOptionNamesTheValueOfANewConduitAndCompletesOnlyValuesItAccepts() throws Exception {
        List<String> completed = new ArrayList<>();
        for (Field field : ConduitOptionsSupport.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option == null) {
                continue;
            }
            assertTrue(option.description().contains("new conduits: "), option.name() + ": " + option.description());
            Completion completion = field.getAnnotation(Completion.class);
            if (completion == null) {
                continue;
            }
            completed.add(option.name());
            for (String value : completion.values()) {
                Options given = new Options();
                given.schedule = "instant"; // --delay applies to instant schedules
                field.set(given, value);
                assertDoesNotThrow(() -> given.applyTo(ConduitOptions.defaults()), option.name() + " " + value);
            }
        }
        assertTrue(
                completed.containsAll(List.of("--mode", "--conflict", "--delete", "--schedule", "--verify-retry")),
                completed.toString());
        assertEquals(
                FileCompleter.class,
                ConduitCreateCommand.class
                        .getDeclaredField("source")
                        .getAnnotation(Completion.class)
                        .value());
        assertEquals(
                FileCompleter.class,
                ConduitCreateCommand.class
                        .getDeclaredField("target")
                        .getAnnotation(Completion.class)
                        .value());
    }

    @Test
    void refusesANonNumericParallelCountNamingTheOption() {
        Options given = new Options();
        given.parallel = "four";
        InvalidOptionException error =
                assertThrows(InvalidOptionException.class, () -> given.applyTo(ConduitOptions.defaults()));
        assertTrue(error.getMessage().startsWith("Invalid --parallel 'four'"), error.getMessage());
    }

    @Test
    void readsBandwidthWithBinaryUnits() {
        assertEquals(0, CommandArguments.rate("bandwidth", "0"));
        assertEquals(512_000, CommandArguments.rate("bandwidth", "512000"));
        assertEquals(500 * 1024, CommandArguments.rate("bandwidth", "500k"));
        assertEquals(10L * 1024 * 1024, CommandArguments.rate("bandwidth", "10M"));
        assertEquals(1L << 30, CommandArguments.rate("bandwidth", "1g"));
        for (String bad : new String[] {"", "-1", "fast", "10T", "99999999999999999g"}) {
            InvalidOptionException error =
                    assertThrows(InvalidOptionException.class, () -> CommandArguments.rate("bandwidth", bad));
            assertEquals("bandwidth", error.option());
        }
    }

    @Test
    void aRefusalReachesTheShellAsOneColourlessLineAndAFailureAsItself() {
        Options refused = new Options();
        refused.parallel = "four";
        CommandException error = assertThrows(CommandException.class, refused::execute);
        assertEquals(
                "Error executing command: Invalid --parallel 'four': expected a whole number", error.getNiceHelp());
        assertEquals(0, error.getStackTrace().length, "a refusal has no stack trace to log");

        FileSyncCommand failing = new FileSyncCommand() {
            @Override
            Object run() {
                throw new FileSyncException("Generation 2 of conduit 1 failed: a.txt: disk-full");
            }
        };
        assertThrows(FileSyncException.class, failing::execute);
    }

    @Test
    void readsBooleansStrictly() {
        assertTrue(CommandArguments.bool("enabled", "TRUE"));
        assertThrows(InvalidOptionException.class, () -> CommandArguments.bool("enabled", "yes"));
    }
}
