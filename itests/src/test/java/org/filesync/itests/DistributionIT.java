package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                Pattern.compile(
                                "(?m)^generation=1 copied=1 deleted=0 moved=0 conflicts=0 bytes=5 elapsed=\\d+\\.\\d{3}s"
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

    @Test
    void theClientPrintsNoNoiseAndARefusedCommandLogsNoErrorWhileARealFailureStillDoes() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(work), "noise-");
        Path source = Files.createDirectories(folder.resolve("src")).toRealPath();
        Path target = Files.createDirectories(folder.resolve("dst")).toRealPath();
        Files.writeString(source.resolve("a.txt"), "a");
        for (String extra : List.of("x1", "x2", "x3")) {
            Files.writeString(target.resolve(extra), extra);
        }
        KarafDistribution.ClientResult created = karaf.client("filesync:conduit-create " + source + " " + target);
        assertClean(created);
        String id = createdId(created);
        int mark = karaf.log().length();

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("filesync:conduit-show 4711", "Error executing command: No conduit with id 4711");
        refusals.put("filesync:status 4711", "Error executing command: No conduit with id 4711");
        refusals.put(
                "filesync:sync abc", "Error executing command: Invalid conduit id 'abc': expected a positive number");
        refusals.put("filesync:bogus", "Command not found: filesync:bogus");
        String limit = "Error executing command: Refusing to delete 3 of 3 files (100 %) in " + target;
        refusals.put("filesync:sync --dry-run " + id, limit);
        refusals.put("filesync:sync --wait " + id, limit);
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            KarafDistribution.ClientResult refused = karaf.client(refusal.getKey());
            assertNotEquals(0, refused.exitCode(), refusal.getKey() + ": " + refused.output());
            assertClean(refused);
            assertTrue(
                    refused.output().trim().startsWith(refusal.getValue()), refusal.getKey() + ": " + refused.output());
            assertEquals(1, refused.output().trim().lines().count(), refused.output());
        }
        KarafDistribution.ClientResult shown = karaf.client("filesync:conduit-show " + id);
        assertClean(shown);
        assertTrue(
                shown.output().matches("(?s).*Last error\\s*\\|\\s*refused: Refusing to delete 3 of 3 files.*"),
                shown.output());
        // The last refusal's own line (the refused run, at INFO) is in the log: so is everything before it.
        String refusedRun = awaitLogged(mark, "Conduit " + id + ": run refused: Refusing to delete 3 of 3 files");
        assertFalse(refusedRun.contains("| ERROR |"), refusedRun);
        assertFalse(refusedRun.contains("\tat "), refusedRun);
        int afterRefusals = karaf.log().length();

        // A real failure: the target refuses every write, so the generation fails.
        setWritable(target, false);
        KarafDistribution.ClientResult failed;
        try {
            failed = karaf.client("filesync:sync --wait --force " + id);
        } finally {
            setWritable(target, true);
        }
        assertNotEquals(0, failed.exitCode(), failed.output());
        assertClean(failed);
        assertTrue(
                failed.output().contains("Error executing command: Generation 1 of conduit " + id + " failed: "),
                failed.output());
        String logged = awaitLogged(afterRefusals, "Exception caught while executing command");
        String failure = logged.substring(logged.lastIndexOf('\n', logged.indexOf("Exception caught")) + 1);
        assertTrue(failure.lines().findFirst().orElseThrow().contains("| ERROR |"), failure);
        assertTrue(failure.contains("\tat "), "a real failure keeps its stack trace: " + failure);
    }

    /** Waits until karaf.log holds the text after {@code from}; the log from there on. */
    private String awaitLogged(int from, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!karaf.log().substring(from).contains(text)) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "not logged: " + text + "\n" + karaf.log().substring(from));
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return karaf.log().substring(from);
    }

    @Test
    void aSecondInstanceOnTheSamePortsIsRefusedAtStartAndSaysWhy() throws Exception {
        KarafDistribution second = KarafDistribution.unpack(archive, work);
        second.usePortsOf(karaf);

        KarafDistribution.ClientResult started = second.startScript();

        assertNotEquals(0, started.exitCode(), started.output());
        assertTrue(
                started.output()
                        .contains("port " + karaf.property("etc/org.apache.karaf.shell.cfg", "sshPort")
                                + " (sshPort in etc/org.apache.karaf.shell.cfg) is already in use"),
                started.output());
        assertTrue(started.output().contains("not starting"), started.output());
        assertFalse(second.running());
        assertClean(started);
        // the first instance still answers
        assertEquals(0, karaf.client("filesync:conduit-list").exitCode());
    }

    /** No {@code JAVA_HOME not set} line and no escape code in what a script reads. */
    private static void assertClean(KarafDistribution.ClientResult result) {
        assertFalse(result.output().contains("JAVA_HOME not set"), result.output());
        assertFalse(result.output().contains("\u001B"), result.output().replace("\u001B", "<ESC>"));
    }

    /** {@code chattr} as root (root ignores permission bits), {@code chmod} otherwise. */
    private static void setWritable(Path directory, boolean writable) throws Exception {
        List<String> command = "root".equals(System.getProperty("user.name"))
                ? List.of("chattr", writable ? "-i" : "+i", directory.toString())
                : List.of("chmod", writable ? "755" : "555", directory.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    /** A history row whose status is {@code verified} (a run still going shows {@code unverified}). */
    private static boolean endedVerified(String historyLine) {
        return historyLine.matches(".*\\sverified(\\s.*)?");
    }
}
