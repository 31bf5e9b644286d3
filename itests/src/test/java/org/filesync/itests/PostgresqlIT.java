package org.filesync.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The real PostgreSQL server stopped and started again under a container that keeps its state
 * there: while a conduit is idle (no change of the source is lost, the next run converges) and
 * while a run copies (the run fails with the reason, nothing on disk is damaged, the next run
 * converges once the server is back). Runs only in the itests' PostgreSQL execution.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresqlIT extends FileSyncTestSupport {

    private static final Duration SERVER_RUN_TIMEOUT = Duration.ofSeconds(180);

    @Before
    public void onlyAgainstPostgresql() {
        assumeTrue("the container keeps its state in PostgreSQL", PostgresqlServer.enabled());
    }

    /** The server runs again after each test, whatever the test did to it. */
    @After
    public void serverRunsAgain() {
        if (PostgresqlServer.enabled()) {
            PostgresqlServer.start();
        }
    }

    @Test
    public void aServerRestartWhileTheConduitIsIdleLosesNoChangeAndTheNextRunConverges() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (int i = 0; i < 20; i++) {
            Files.writeString(source.resolve("file-" + i + ".txt"), "version 1 of " + i);
        }
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(), target.toString(), ConduitOptions.defaults().withMaxDeletePercent(100)));
        assertVerified(fileSync.syncNow(conduit.id(), false).await(SERVER_RUN_TIMEOUT));
        long logBefore = Files.size(karafLog());

        PostgresqlServer.stop();
        // changed while the index cannot write: the watcher's events must wait, not vanish
        Files.writeString(source.resolve("file-3.txt"), "version 2 of 3, written while the database was down");
        Files.writeString(source.resolve("new.txt"), "created while the database was down");
        Files.delete(source.resolve("file-7.txt"));
        awaitCondition("the index to report that it retries its writes", () -> logSince(logBefore)
                .contains("file events failed, retrying"));
        PostgresqlServer.start();

        Generation next = fileSync.syncNow(conduit.id(), false).await(SERVER_RUN_TIMEOUT);
        assertVerified(next);
        assertEquals(contents(source).keySet(), contents(target).keySet());
        assertEquals(
                "version 2 of 3, written while the database was down", Files.readString(target.resolve("file-3.txt")));
        assertEquals("created while the database was down", Files.readString(target.resolve("new.txt")));
        assertFalse(Files.exists(target.resolve("file-7.txt")));
        assertTrue(executeOk("filesync:sync --dry-run " + conduit.id()).contains("0 operations"));
    }

    @Test
    public void aServerStoppedDuringARunFailsTheRunWithTheReasonDamagesNothingAndTheNextRunConverges()
            throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            files.put("f" + i + ".bin", randomBytes(300_000, i));
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(source.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(target.resolve("extra.txt"), "extra, deleted only by a successful run");
        // 3.6 MB at 400 kB/s, one file at a time: the run copies for about nine seconds
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults()
                        .withMaxDeletePercent(100)
                        .withParallelTransfers(1)
                        .withBandwidthLimit(400_000)));
        CompletableFuture<CommandResult> shell =
                CompletableFuture.supplyAsync(() -> execute("filesync:sync --wait " + conduit.id()));
        awaitCopyUnderWay(conduit);

        PostgresqlServer.stop();
        CommandResult result = shell.get(SERVER_RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        // one line with the reason, no stack trace
        assertNotNull(result.output(), result.error());
        String message = result.errorMessage();
        assertFalse(message, message.contains("\n"));
        assertTrue(message, message.toLowerCase(java.util.Locale.ROOT).contains("database"));
        assertFalse(result.output(), result.output().contains("\tat "));
        // nothing damaged: every file in the target is a whole copy, nothing was deleted, no temp file left
        Map<String, byte[]> after = contents(target);
        for (Map.Entry<String, byte[]> file : after.entrySet()) {
            if (!file.getKey().equals("extra.txt")) {
                assertArrayEquals(file.getKey(), files.get(file.getKey()), file.getValue());
            }
        }
        assertEquals(
                "extra, deleted only by a successful run", new String(after.get("extra.txt"), StandardCharsets.UTF_8));
        assertFalse(Files.exists(target.resolve(".filesync/trash")));

        PostgresqlServer.start();
        Generation next = awaitNextRun(conduit);
        assertVerified(next);
        assertEquals(files.keySet(), contents(target).keySet());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertArrayEquals(file.getKey(), file.getValue(), Files.readAllBytes(target.resolve(file.getKey())));
        }
        assertEquals(List.of(), leftoverTemps(target));
        assertTrue(executeOk("filesync:sync --dry-run " + conduit.id()).contains("0 operations"));
        // the failed run is recorded as failed, even when its failure could only be written later
        List<Generation> history = fileSync.history(conduit.id());
        assertEquals(Generation.Phase.FAILED, history.get(history.size() - 1).phase());
        assertEquals(1, history.get(history.size() - 1).number());
    }

    /** The next run once the server is back: the conduit may still be ending the failed one. */
    private Generation awaitNextRun(Conduit conduit) throws Exception {
        awaitCondition("conduit " + conduit.id() + " to be idle", () -> fileSync.activeRuns().stream()
                .noneMatch(run -> run.conduitId() == conduit.id()));
        return fileSync.syncNow(conduit.id(), false).await(SERVER_RUN_TIMEOUT);
    }

    private static Path karafLog() {
        return Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    private static String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(karafLog());
            return new String(
                    all,
                    (int) Math.min(offset, all.length),
                    (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
