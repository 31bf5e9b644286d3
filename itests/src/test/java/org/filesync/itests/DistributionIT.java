package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The distribution as an operator meets it: started with bin/start, driven through
 * {@code bin/client -b} by an admin and by a viewer, stopped and started again (the conduit store
 * is real and durable). One distribution serves the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionIT {

    private final Path archive = Path.of(System.getProperty("filesync.distribution"));
    private final Path work = Path.of(System.getProperty("filesync.work", "target/work"));

    private KarafDistribution karaf;

    @BeforeAll
    void start() throws Exception {
        karaf = KarafDistribution.unpack(archive, work);
        karaf.addUser("watcher", "watcher", "viewer", "ssh");
        karaf.start();
    }

    @AfterAll
    void stop() throws Exception {
        karaf.close();
    }

    @Test
    void aConduitCreatedThroughTheClientSurvivesARestart() throws Exception {
        Path source = Files.createDirectories(work.resolve("restart/src")).toRealPath();
        Path target = Files.createDirectories(work.resolve("restart/dst")).toRealPath();

        KarafDistribution.ClientResult created = karaf.client("filesync:conduit-create " + source + " " + target);
        assertEquals(0, created.exitCode(), created.output());
        assertTrue(created.output().trim().matches("Conduit \\d+ created"), created.output());

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

    @Test
    void aViewerCanListButNotCreateThroughTheClient() throws Exception {
        Path source = Files.createDirectories(work.resolve("viewer/src")).toRealPath();
        Path target = Files.createDirectories(work.resolve("viewer/dst")).toRealPath();
        String before = karaf.client("filesync:conduit-list").output();

        KarafDistribution.ClientResult listed = karaf.clientAs("watcher", "watcher", "filesync:conduit-list");
        assertEquals(0, listed.exitCode(), listed.output());
        assertEquals(before, listed.output());

        KarafDistribution.ClientResult refused =
                karaf.clientAs("watcher", "watcher", "filesync:conduit-create " + source + " " + target);
        assertNotEquals(0, refused.exitCode(), refused.output());
        // Karaf hides the commands a user's roles do not allow.
        assertEquals(
                "Command not found: filesync:conduit-create", refused.output().trim());
        assertEquals(before, karaf.client("filesync:conduit-list").output());
    }
}
