package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/guarantees.md, "A crash or kill at any moment loses no data": the short version of
 * {@code scripts/kill-test.sh} against the distribution built by this reactor. Three rounds, each
 * killing the Karaf JVM with {@code kill -9} during a run while a checker watches the ends, then
 * restarting, re-syncing and checking the invariants (see the script's header): once for mirror
 * runs, once for bidirectional runs with both ends edited.
 */
class KillRecoveryIT {

    private final Path archive = Path.of(System.getProperty("filesync.distribution"));
    private final Path work = Path.of(System.getProperty("filesync.work", "target/work"));
    private final Path scripts = Path.of(System.getProperty("filesync.scripts", "../scripts"));

    @Test
    void killedRunsLeaveNoPartialFileAndTheNextRunConverges() throws Exception {
        assertThreeRoundsPass("kill-test.log");
    }

    @Test
    void killedBidirectionalRunsLeaveNoPartialFileAtEitherEndInventNoConflictAndTheNextRunConverges() throws Exception {
        assertThreeRoundsPass("kill-test-bidirectional.log", "--mode", "bidirectional");
    }

    private void assertThreeRoundsPass(String logName, String... options) throws Exception {
        Files.createDirectories(work);
        Path log = work.resolve(logName);
        List<String> command =
                new ArrayList<>(List.of("bash", scripts.resolve("kill-test.sh").toString()));
        command.addAll(List.of(options));
        command.addAll(List.of(
                "--short",
                "--seed",
                "42",
                "--archive",
                archive.toAbsolutePath().toString(),
                "--work",
                work.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroy(); // SIGTERM: the script's trap stops Karaf and removes its folder
            process.waitFor(90, TimeUnit.SECONDS);
            throw new AssertionError("kill-test.sh did not end in 5 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.lines().anyMatch("3 passed, 0 failed"::equals), output);
    }
}
