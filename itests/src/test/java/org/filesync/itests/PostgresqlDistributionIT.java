package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's switch to PostgreSQL, done on the distribution as an operator does it: started on
 * its embedded Derby, {@code feature:install filesync-postgresql}, the DataSource configuration
 * rewritten, nothing else. filesync then keeps its state in the real server, also across a
 * kill of the distribution in the middle of a copy and its start. Runs only in the itests' PostgreSQL execution.
 */
class PostgresqlDistributionIT {

    private final Path archive = Path.of(System.getProperty("filesync.distribution"));
    private final Path work = Path.of(System.getProperty("filesync.work", "target/work"));

    @Test
    void theReadmesConfigurationAloneMovesTheStateIntoPostgresqlAndItSurvivesAKillMidCopy() throws Exception {
        assumeTrue(PostgresqlServer.enabled(), "a PostgreSQL server for this run");
        String url = PostgresqlServer.createDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        Path folder = Files.createTempDirectory(Files.createDirectories(work), "postgresql-");
        Path source = Files.createDirectories(folder.resolve("src")).toRealPath();
        Path target = Files.createDirectories(folder.resolve("dst")).toRealPath();
        Files.writeString(source.resolve("hello.txt"), "hello");

        try (KarafDistribution karaf = KarafDistribution.unpack(archive, work)) {
            karaf.start();
            // the README's two steps
            KarafDistribution.ClientResult installed = karaf.client("feature:install filesync-postgresql");
            assertEquals(0, installed.exitCode(), installed.output());
            StringBuilder configuration = new StringBuilder();
            for (String[] property : PostgresqlServer.datasourceProperties(url)) {
                configuration
                        .append(property[0])
                        .append(" = ")
                        .append(property[1])
                        .append('\n');
            }
            Files.writeString(karaf.home().resolve(PostgresqlServer.DATASOURCE_CONFIGURATION), configuration);

            // filesync follows the new DataSource: a conduit created now lives in PostgreSQL
            String id = awaitConduitCreated(karaf, source, target, database, "--parallel 1 --bandwidth 300000");
            KarafDistribution.ClientResult synced = karaf.client("filesync:sync --wait " + id);
            assertEquals(0, synced.exitCode(), synced.output());
            assertTrue(synced.output().contains("status=verified"), synced.output());
            assertEquals("hello", Files.readString(target.resolve("hello.txt")));
            assertEquals(List.of(id + "|" + source), query(database, "SELECT ID, SOURCE_PATH FROM FS_CONDUIT"));
            assertEquals(List.of("1|COMPLETED"), query(database, "SELECT NUMBER, PHASE FROM FS_GENERATION"));

            // killed in the middle of a copy, started again: the recovery and the next run work on PostgreSQL
            for (int i = 0; i < 10; i++) {
                Files.write(source.resolve("big-" + i + ".bin"), FileSyncTestSupport.randomBytes(300_000, i));
            }
            KarafDistribution.ClientResult started = karaf.client("filesync:sync " + id);
            assertTrue(started.output().contains("Generation 2 started"), started.output());
            awaitCopyUnderWay(target);
            karaf.kill();
            karaf.start();
            KarafDistribution.ClientResult history = karaf.client("filesync:history --no-format " + id);
            assertEquals(0, history.exitCode(), history.output());
            assertTrue(history.output().contains("interrupted"), history.output());
            KarafDistribution.ClientResult again = karaf.client("filesync:sync --wait " + id);
            assertTrue(again.output().contains("generation=3 copied="), again.output());
            assertTrue(again.output().contains("status=verified"), again.output());
            for (int i = 0; i < 10; i++) {
                assertTrue(java.util.Arrays.equals(
                        FileSyncTestSupport.randomBytes(300_000, i),
                        Files.readAllBytes(target.resolve("big-" + i + ".bin"))));
            }
            assertEquals(
                    List.of("1|COMPLETED", "2|FAILED", "3|COMPLETED"),
                    query(database, "SELECT NUMBER, PHASE FROM FS_GENERATION ORDER BY NUMBER"));
        }
    }

    /**
     * Waits until the copy is writing: a temp file under the target's {@code .filesync/tmp} holds
     * bytes. The files land only when their batch is flushed, all ten together, which at 300 kB/s is
     * about ten seconds later; a landed file would mean the generation is all but done.
     */
    private static void awaitCopyUnderWay(Path target) throws Exception {
        Path temps = target.resolve(".filesync").resolve("tmp");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!anyTempHoldsBytes(temps)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the copy did not start");
            }
            TimeUnit.MILLISECONDS.sleep(50); // polls the target: the copy's progress is inside the killed JVM
        }
    }

    private static boolean anyTempHoldsBytes(Path temps) throws IOException {
        if (!Files.isDirectory(temps)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(temps)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".tmp")
                    && file.toFile().length() > 0);
        } catch (UncheckedIOException | NoSuchFileException vanished) {
            return false; // a temp renamed while walking: look again
        }
    }

    /**
     * Creates the conduit once filesync serves from the PostgreSQL DataSource: pax-jdbc-config
     * replaces the Derby DataSource within seconds of the configuration's change, and the store
     * and the index create their tables in the new database when they start on it.
     */
    private static String awaitConduitCreated(
            KarafDistribution karaf, Path source, Path target, String database, String options) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (query(database, "SELECT COUNT(*) FROM FS_CONDUIT").isEmpty()
                || query(database, "SELECT COUNT(*) FROM FSINDEX_LOCATION").isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("filesync did not move to PostgreSQL: " + karaf.log());
            }
            TimeUnit.MILLISECONDS.sleep(200); // polls the tables: the switch sends no event outside the container
        }
        KarafDistribution.ClientResult created =
                karaf.client("filesync:conduit-create " + options + " " + source + " " + target);
        Matcher id = Pattern.compile("(?m)^Conduit (\\d+) created$").matcher(created.output());
        assertTrue(id.find(), created.output());
        return id.group(1);
    }

    /** The rows of a query on the test's database, columns joined by {@code |}; none when the table is missing. */
    private static List<String> query(String database, String sql) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty(PostgresqlServer.SCRIPTS_PROPERTY), "postgres.sh")
                                .toString(),
                        "psql",
                        System.getProperty(PostgresqlServer.DIRECTORY_PROPERTY),
                        "-d",
                        database,
                        "-At",
                        "-c",
                        sql)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        if (process.exitValue() != 0) {
            assertTrue(output.matches("(?s).*relation \".*\" does not exist.*"), output);
            return List.of();
        }
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
