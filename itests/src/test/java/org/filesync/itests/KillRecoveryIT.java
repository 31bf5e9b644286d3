package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 6, "a crash or kill at any moment loses no data": the short version of
 * {@code scripts/kill-test.sh} against the distribution built by this reactor. Three rounds, each
 * killing the Karaf JVM with {@code kill -9} during a mirror run while a checker watches the
 * target, then restarting, re-syncing and checking the invariants (see the script's header).
 */
class KillRecoveryIT {

    private final Path archive = Path.of(System.getProperty("filesync.distribution"));
    private final Path work = Path.of(System.getProperty("filesync.work", "target/work"));
    private final Path scripts = Path.of(System.getProperty("filesync.scripts", "../scripts"));

    @Test
    void killedRunsLeaveNoPartialFileAndTheNextRunConverges() throws Exception {
        Files.createDirectories(work);
        Path log = work.resolve("kill-test.log");
        Process process = new ProcessBuilder(
                        "bash",
                        scripts.resolve("kill-test.sh").toString(),
                        "--short",
                        "--seed",
                        "42",
                        "--archive",
                        archive.toAbsolutePath().toString(),
                        "--work",
                        work.toAbsolutePath().toString())
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
