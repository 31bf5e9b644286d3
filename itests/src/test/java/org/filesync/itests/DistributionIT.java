package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void aNewcomerMirrorsThroughTheClientAndTheStateSurvivesARestart() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(work), "restart-");
        Path source = Files.createDirectories(folder.resolve("src")).toRealPath();
        Path target = Files.createDirectories(folder.resolve("dst")).toRealPath();
        Files.writeString(source.resolve("hello.txt"), "hello");

        KarafDistribution.ClientResult created = karaf.client("filesync:conduit-create " + source + " " + target);
        assertEquals(0, created.exitCode(), created.output());
        Matcher id = Pattern.compile("^Conduit (\\d+) created$")
                .matcher(created.output().trim());
        assertTrue(id.matches(), created.output());

        KarafDistribution.ClientResult synced = karaf.client("filesync:sync --wait " + id.group(1));
        assertEquals(0, synced.exitCode(), synced.output());
        assertTrue(
                Pattern.compile("(?m)^generation=1 copied=1 deleted=0 conflicts=0 bytes=5 elapsed=\\d+\\.\\d{3}s"
                                + " status=verified$")
                        .matcher(synced.output())
                        .find(),
                synced.output());
        assertEquals("hello", Files.readString(target.resolve("hello.txt")));

        KarafDistribution.ClientResult refused = karaf.client("filesync:conduit-create relative/dir " + target);
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertEquals(
                "Error executing command: Source path must be absolute: relative/dir",
                refused.output().trim());

        String listed = karaf.client("filesync:conduit-list").output();
        assertTrue(listed.contains(source.toString()) && listed.contains(target.toString()), listed);

        karaf.stop();
        Files.writeString(source.resolve("made-while-down.txt"), "new");
        karaf.start();

        KarafDistribution.ClientResult afterRestart = karaf.client("filesync:conduit-list");
        assertEquals(0, afterRestart.exitCode(), afterRestart.output());
        assertEquals(listed, afterRestart.output());
        // The index notices what changed while the container was down, and the next run copies it.
        KarafDistribution.ClientResult resynced = karaf.client("filesync:sync --wait " + id.group(1));
        assertEquals(0, resynced.exitCode(), resynced.output());
        assertTrue(resynced.output().contains("generation=2 copied=1 deleted=0"), resynced.output());
        assertEquals("new", Files.readString(target.resolve("made-while-down.txt")));
    }

    @Test
    void aSecondSyncOfARunningConduitIsRefusedThroughTheClientAndChangesNothing() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(work), "busy-");
        Path source = Files.createDirectories(folder.resolve("src")).toRealPath();
        Path target = Files.createDirectories(folder.resolve("dst")).toRealPath();
        byte[] content = new byte[1_500_000];
        new java.util.Random(9).nextBytes(content);
        Files.write(source.resolve("slow.bin"), content);
        KarafDistribution.ClientResult created =
                karaf.client("filesync:conduit-create --bandwidth 200k " + source + " " + target);
        Matcher id = Pattern.compile("^Conduit (\\d+) created$")
                .matcher(created.output().trim());
        assertTrue(id.matches(), created.output());

        KarafDistribution.ClientResult started = karaf.client("filesync:sync " + id.group(1));
        assertEquals("Generation 1 started", started.output().trim());
        KarafDistribution.ClientResult second = karaf.client("filesync:sync " + id.group(1));

        assertNotEquals(0, second.exitCode(), second.output());
        assertEquals(
                "Error executing command: Conduit " + id.group(1) + " is already syncing (generation 1)",
                second.output().trim());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        String history;
        do {
            history = karaf.client("filesync:history " + id.group(1)).output();
            assertTrue(System.nanoTime() < deadline, "the run did not end: " + history);
        } while (history.lines().noneMatch(DistributionIT::endedVerified));
        assertEquals(1, history.lines().filter(DistributionIT::endedVerified).count(), history);
        assertTrue(Files.exists(target.resolve("slow.bin")));
    }

    @Test
    void aViewerCanListButNotCreateUpdateDeleteOrSyncThroughTheClient() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(work), "viewer-");
        Path source = Files.createDirectories(folder.resolve("src")).toRealPath();
        Path target = Files.createDirectories(folder.resolve("dst")).toRealPath();
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

    /** A history row whose status is {@code verified} (a run still going shows {@code unverified}). */
    private static boolean endedVerified(String historyLine) {
        return historyLine.matches(".*\\sverified(\\s.*)?");
    }
}
