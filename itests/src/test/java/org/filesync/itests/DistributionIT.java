package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The distribution as an operator meets it: started with bin/start, driven through
 * {@code bin/client -b}, stopped and started again (the conduit store is real and durable).
 */
class DistributionIT {

    private final Path archive = Path.of(System.getProperty("filesync.distribution"));
    private final Path work = Path.of(System.getProperty("filesync.work", "target/work"));

    @Test
    void aConduitCreatedThroughTheClientSurvivesARestart() throws Exception {
        Path source = Files.createDirectories(work.resolve("restart/src")).toRealPath();
        Path target = Files.createDirectories(work.resolve("restart/dst")).toRealPath();
        try (KarafDistribution karaf = KarafDistribution.unpack(archive, work)) {
            karaf.start();

            KarafDistribution.ClientResult created = karaf.client("filesync:conduit-create " + source + " " + target);
            assertEquals(0, created.exitCode(), created.output());
            assertEquals("Conduit 1 created", created.output().trim());

            KarafDistribution.ClientResult refused = karaf.client("filesync:conduit-create relative/dir " + target);
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertEquals(
                    "Error executing command: Source path must be absolute: relative/dir",
                    refused.output().trim());

            String listed = karaf.client("filesync:conduit-list").output();
            assertTrue(listed.contains(source.toString()) && listed.contains(target.toString()), listed);

            karaf.stop();
            karaf.start();

            KarafDistribution.ClientResult afterRestart = karaf.client("filesync:conduit-list");
            assertEquals(0, afterRestart.exitCode(), afterRestart.output());
            assertEquals(listed, afterRestart.output());
        }
    }
}
