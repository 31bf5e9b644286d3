package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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

    @Test
    void afterARestartAnInstantConduitCatchesUpAndAnOverdueIntervalConduitRunsOnce() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(work), "schedules-");
        Path instantSource =
                Files.createDirectories(folder.resolve("instant-src")).toRealPath();
        Path instantTarget =
                Files.createDirectories(folder.resolve("instant-dst")).toRealPath();
        Path intervalSource =
                Files.createDirectories(folder.resolve("interval-src")).toRealPath();
        Path intervalTarget =
                Files.createDirectories(folder.resolve("interval-dst")).toRealPath();
        Files.writeString(instantSource.resolve("before.txt"), "before");
        Files.writeString(intervalSource.resolve("before.txt"), "before");
        String instant = createdId(karaf.client(
                "filesync:conduit-create --schedule instant --delay 1s " + instantSource + " " + instantTarget));
        String interval = createdId(karaf.client(
                "filesync:conduit-create --schedule interval:10s " + intervalSource + " " + intervalTarget));
        // both make their first run by themselves
        awaitRows(instant, rows -> rows.stream()
                .anyMatch(row -> row.verified() && row.trigger().equals("instant")));
        awaitRows(interval, rows -> rows.stream()
                .anyMatch(row -> row.verified() && row.trigger().equals("interval")));
        assertEquals("before", Files.readString(instantTarget.resolve("before.txt")));

        int instantRunsBefore = history(instant).size();
        karaf.stop();
        Instant stopped = Instant.now();
        Files.writeString(instantSource.resolve("while-down.txt"), "written while Karaf was down");
        Files.writeString(intervalSource.resolve("while-down.txt"), "written while Karaf was down");
        // Karaf stays down for three periods of the interval conduit: the test is about time passing
        while (Duration.between(stopped, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
            Thread.sleep(1000);
        }
        Instant restarted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        karaf.start();

        HistoryRow caughtUpInstant = awaitRows(
                        instant,
                        rows -> rows.size() > instantRunsBefore && rows.get(0).verified())
                .get(0);
        assertEquals(1, caughtUpInstant.copied(), caughtUpInstant.toString());
        assertEquals("written while Karaf was down", Files.readString(instantTarget.resolve("while-down.txt")));
        assertEquals("instant", caughtUpInstant.trigger());
        List<HistoryRow> caughtUp = awaitRows(interval, rows -> rows.stream()
                .anyMatch(row -> !row.started().isBefore(restarted) && row.verified() && row.copied() == 1));
        assertEquals("written while Karaf was down", Files.readString(intervalTarget.resolve("while-down.txt")));
        // once, not once per missed period: the first run after the restart copies what was written while
        // Karaf was down, and every later one starts a full period after the one before
        List<HistoryRow> afterRestart = caughtUp.stream()
                .filter(row -> !row.started().isBefore(restarted))
                .toList();
        assertEquals(1, afterRestart.get(afterRestart.size() - 1).copied(), caughtUp.toString());
        assertEquals(1, afterRestart.stream().filter(row -> row.copied() == 1).count(), caughtUp.toString());
        for (int i = 0; i + 1 < afterRestart.size(); i++) {
            HistoryRow later = afterRestart.get(i);
            HistoryRow earlier = afterRestart.get(i + 1);
            assertTrue(
                    !later.started().isBefore(earlier.completed().plusSeconds(9)),
                    "runs back to back after the restart: " + caughtUp);
        }
    }

    /** One row of {@code filesync:history --no-format}, newest first. */
    private record HistoryRow(
            long generation, Instant started, Instant completed, String trigger, long copied, boolean verified) {}

    private static final DateTimeFormatter HISTORY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private List<HistoryRow> history(String id) throws Exception {
        KarafDistribution.ClientResult result = karaf.client("filesync:history --no-format " + id);
        assertEquals(0, result.exitCode(), result.output());
        List<HistoryRow> rows = new ArrayList<>();
        for (String line : result.output().lines().toList()) {
            String[] cells = line.trim().split("\\s*[\\t│|]\\s*");
            if (cells.length < 10 || !cells[0].matches("\\d+")) {
                continue; // the header
            }
            rows.add(new HistoryRow(
                    Long.parseLong(cells[0]),
                    Instant.from(HISTORY_TIME.parse(cells[1])),
                    cells[2].equals("-") ? Instant.MAX : Instant.from(HISTORY_TIME.parse(cells[2])),
                    cells[4],
                    Long.parseLong(cells[5]),
                    cells[9].equals("verified")));
        }
        return rows;
    }

    /** Polls the history until it meets the condition, within two minutes; returns the rows that did. */
    private List<HistoryRow> awaitRows(String id, Predicate<List<HistoryRow>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<HistoryRow> rows;
        do {
            rows = history(id);
            assertTrue(System.nanoTime() < deadline, "conduit " + id + " never got there: " + rows);
        } while (rows.isEmpty() || !condition.test(rows));
        return rows;
    }

    private static String createdId(KarafDistribution.ClientResult created) {
        Matcher id = Pattern.compile("^Conduit (\\d+) created$")
                .matcher(created.output().trim());
        assertTrue(id.matches(), created.output());
        return id.group(1);
    }

    /** A history row whose status is {@code verified} (a run still going shows {@code unverified}). */
    private static boolean endedVerified(String historyLine) {
        return historyLine.matches(".*\\sverified(\\s.*)?");
    }
}
