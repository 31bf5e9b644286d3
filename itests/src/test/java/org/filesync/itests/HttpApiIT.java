package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.filesync.itests.HttpTestClient.Answer;
import org.filesync.itests.HttpTestClient.EventStream;
import org.filesync.itests.HttpTestClient.SseEvent;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The REST API and the event stream (the README's REST API section) in the real container, through a real HTTP
 * client: every endpoint, each error status with the shell's one-line message, the roles (admin
 * changes, viewer reads, anonymous gets 401 except health), cross-site changes refused, bad input
 * that changes nothing, and an SSE client that sees a run's events in order and resumes with
 * Last-Event-ID without losing one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpApiIT extends FileSyncTestSupport {

    private static final String API = "/filesync/api";
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final int MAX_STREAMS = 4;

    private HttpTestClient http;

    @Override
    protected Option[] extraOptions() {
        return options(
                editConfigurationFilePut("etc/org.filesync.http.cfg", "events.max.streams", "" + MAX_STREAMS),
                editConfigurationFilePut("etc/org.filesync.http.cfg", "events.heartbeat.seconds", "1"));
    }

    @Before
    public void connect() throws InterruptedException {
        http = HttpTestClient.inContainer();
        // the servlets register once the whiteboard and the filesync service are up
        awaitCondition("the API", () -> http.get(API + "/conduits", "karaf").status() == 200);
    }

    private String conduitJson(Path source, Path target, String extra) {
        return "{\"source\": \"" + source + "\", \"target\": \"" + target + "\"" + extra + "}";
    }

    private long create(Path source, Path target, String extra) {
        Answer created = http.post(API + "/conduits", "karaf", conduitJson(source, target, extra));
        assertEquals(created.toString(), 201, created.status());
        return created.json().get("id").longValue();
    }

    /** Waits until the newest generation of the conduit has ended its verification, and returns it. */
    private JsonNode awaitVerified(long id, long generation) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        awaitCondition("generation " + generation + " of conduit " + id + " to end", () -> {
            JsonNode items = http.get(API + "/conduits/" + id + "/generations", "viewer")
                    .json()
                    .get("items");
            if (items.size() == 0 || items.get(0).get("number").longValue() != generation) {
                return false;
            }
            String verification = items.get(0).get("verification").textValue();
            boolean ended = verification.equals("verified") || verification.startsWith("failed:");
            boolean idle = http.get(API + "/conduits/" + id + "/status", "viewer")
                            .json()
                            .get("running")
                            .asBoolean()
                    == false;
            found[0] = items.get(0);
            return ended && idle;
        });
        return found[0];
    }

    @Test
    public void healthIsOpenAndEverythingElseNeedsALogin() {
        Answer health = http.get(API + "/health", null);
        assertEquals(200, health.status());
        assertEquals("up", health.json().get("status").textValue());
        for (String path :
                List.of(API + "/conduits", API + "/locations", API + "/events", API + "/status", "/filesync/")) {
            Answer anonymous = http.get(path, null);
            assertEquals(path, 401, anonymous.status());
            assertEquals(path, "Basic realm=\"karaf\"", anonymous.header("WWW-Authenticate"));
            assertEquals("Authentication required: log in with a user of the karaf realm", anonymous.error());
        }
        Answer wrong = http.send(
                "GET", API + "/conduits", null, null, Map.of("Authorization", HttpTestClient.basic("karaf") + "x"));
        assertEquals(401, wrong.status());
        Answer badPassword = http.send(
                "GET",
                API + "/conduits",
                null,
                null,
                Map.of(
                        "Authorization",
                        "Basic " + java.util.Base64.getEncoder().encodeToString("karaf:nope".getBytes())));
        assertEquals(401, badPassword.status());
        assertEquals("Invalid user name or password", badPassword.error());
        assertEquals("Basic realm=\"karaf\"", badPassword.header("WWW-Authenticate"));
        Answer noRole = http.get(API + "/conduits", "nobody");
        assertEquals(403, noRole.status());
        assertEquals("User nobody may not read filesync: the viewer or admin role is needed", noRole.error());
        assertEquals(401, http.post(API + "/conduits", null, "{}").status());
    }

    @Test
    public void thePageIsServedByTheBundleToAViewer() {
        Answer page = http.get("/filesync/", "viewer");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type"), page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));
        assertTrue(page.body().contains("<script src=\"app.js\""));
        for (String file : List.of("app.js", "app.css", "favicon.svg")) {
            assertEquals(file, 200, http.get("/filesync/" + file, "viewer").status());
        }
        assertEquals(404, http.get("/filesync/nothing.js", "viewer").status());
    }

    @Test
    public void conduitsAreCreatedListedShownUpdatedAndDeleted() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        Answer created = http.post(
                API + "/conduits",
                "karaf",
                conduitJson(source, target, ", \"parallel\": 2, \"ignore\": [\"*.tmp\"], \"bandwidth\": \"1M\""));
        assertEquals(created.toString(), 201, created.status());
        long id = created.json().get("id").longValue();
        assertEquals(API + "/conduits/" + id, created.header("Location"));
        assertEquals(2, created.json().get("parallel").intValue());
        assertEquals(1 << 20, created.json().get("bandwidth").longValue());
        assertEquals("*.tmp", created.json().get("ignore").get(0).textValue());
        assertEquals(2, fileSync.getConduit(id).orElseThrow().options().parallelTransfers());

        JsonNode list = http.get(API + "/conduits", "viewer").json();
        assertEquals(1, list.size());
        assertEquals(source.toRealPath().toString(), list.get(0).get("source").textValue());
        Answer shown = http.get(API + "/conduits/" + id, "viewer");
        assertEquals(200, shown.status());
        assertEquals(created.json(), shown.json());

        Answer updated =
                http.put(API + "/conduits/" + id, "karaf", "{\"enabled\": false, \"schedule\": \"interval:5m\"}");
        assertEquals(updated.toString(), 200, updated.status());
        assertFalse(updated.json().get("enabled").booleanValue());
        assertEquals("interval:5m", updated.json().get("schedule").textValue());
        assertEquals(2, updated.json().get("parallel").intValue()); // untouched
        assertFalse(fileSync.getConduit(id).orElseThrow().options().enabled());

        Answer duplicate = http.post(API + "/conduits", "karaf", conduitJson(source, target, ""));
        assertEquals(409, duplicate.status());
        assertEquals(
                "Conduit " + id + " already binds " + source.toRealPath() + " and " + target.toRealPath(),
                duplicate.error());

        Answer disabled = http.post(API + "/conduits/" + id + "/sync", "karaf", null);
        assertEquals(409, disabled.status());
        assertEquals(
                "Conduit " + id + " is disabled: enable it with filesync:conduit-update --enabled true " + id,
                disabled.error());

        Answer deleted = http.delete(API + "/conduits/" + id, "karaf");
        assertEquals(200, deleted.status());
        assertEquals(
                "Conduit " + id + " deleted (files untouched)",
                deleted.json().get("message").textValue());
        assertTrue(fileSync.getConduit(id).isEmpty());
        Answer gone = http.get(API + "/conduits/" + id, "viewer");
        assertEquals(404, gone.status());
        assertEquals("No conduit with id " + id, gone.error());
        assertEquals(404, http.delete(API + "/conduits/" + id, "karaf").status());
        assertTrue(Files.isDirectory(source) && Files.isDirectory(target));
    }

    @Test
    public void badInputIsRefusedWithTheShellsMessageAndChangesNothing() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        Path missing = source.resolveSibling(source.getFileName() + "-missing");
        long id = create(source, target, "");
        String before = http.get(API + "/conduits", "viewer").body();
        record Case(String method, String path, String body, int status, String message) {}
        List<Case> cases = List.of(
                new Case("POST", "/conduits", conduitJson(source, missing, ""), 400, null),
                new Case("POST", "/conduits", conduitJson(source, source.resolve("sub"), ""), 400, null),
                new Case("POST", "/conduits", "{\"target\": \"" + target + "\"}", 400, "Source path is missing"),
                new Case(
                        "POST",
                        "/conduits",
                        conduitJson(source, target, ", \"maxDelete\": 150"),
                        400,
                        "Max-delete percentage must be between 0 and 100, got 150"),
                new Case("POST", "/conduits", conduitJson(source, target, ", \"mode\": \"selective\""), 400, null),
                new Case("POST", "/conduits", "{\"source\": ", 400, null),
                new Case("POST", "/conduits", "{\"sauce\": 1}", 400, null),
                new Case(
                        "PUT",
                        "/conduits/" + id,
                        "{\"parallel\": 65}",
                        400,
                        "Parallel transfers must be between 1 and 64, got 65"),
                new Case(
                        "PUT",
                        "/conduits/" + id,
                        "{\"schedule\": \"weekly\"}",
                        400,
                        "Invalid schedule 'weekly': use manual, instant or interval:<n><s|m|h|d> (e.g. interval:5m)"),
                new Case(
                        "PUT",
                        "/conduits/" + id,
                        "{}",
                        400,
                        "Nothing to update: give at least one option, e.g. {\"enabled\": false}"),
                new Case(
                        "PUT",
                        "/conduits/abc",
                        "{\"enabled\": true}",
                        400,
                        "Invalid conduit id 'abc': expected a positive number"),
                new Case("PUT", "/conduits/999", "{\"enabled\": true}", 404, "No conduit with id 999"),
                new Case(
                        "POST",
                        "/conduits/" + id + "/sync?dryrun=true",
                        null,
                        400,
                        "Unknown query parameter 'dryrun': this request takes dryRun, force"),
                new Case(
                        "POST",
                        "/conduits/" + id + "/sync?force=maybe",
                        null,
                        400,
                        "Invalid force 'maybe': expected true or false"),
                new Case("POST", "/conduits/999/sync", null, 404, "No conduit with id 999"),
                new Case(
                        "GET",
                        "/conduits/" + id + "/generations?limit=0",
                        null,
                        400,
                        "Invalid limit '0': expected a whole number from 1 to 500"),
                new Case(
                        "GET",
                        "/conduits/" + id + "/generations?page=2",
                        null,
                        400,
                        "Unknown query parameter 'page': this request takes limit, offset"),
                new Case("GET", "/conduits?x=1", null, 400, "Unknown query parameter 'x': this request takes none"),
                new Case(
                        "POST",
                        "/conduits/" + id + "/conflicts",
                        "{\"path\": \"a\", \"use\": \"mine\"}",
                        400,
                        "Unknown choice 'mine' for --use: use one of source, target, both"),
                new Case("DELETE", "/conduits", null, 405, "DELETE is not allowed here: use GET, POST"),
                new Case("GET", "/nothing", null, 404, "No such resource: " + API + "/nothing"));
        for (Case c : cases) {
            Answer answer = http.send(c.method(), API + c.path(), "karaf", c.body(), Map.of());
            String what = c.method() + " " + c.path() + " " + c.body() + " -> " + answer;
            assertEquals(what, c.status(), answer.status());
            assertNotNull(what, answer.error());
            assertFalse(what, answer.error().contains("\n"));
            if (c.message() != null) {
                assertEquals(what, c.message(), answer.error());
            }
        }
        Answer form = http.send(
                "POST",
                API + "/conduits",
                "karaf",
                "source=/a&target=/b",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(415, form.status());
        assertEquals("Expected a JSON body: send it with Content-Type: application/json", form.error());
        // nothing changed: the same single conduit, no generation, no run
        assertEquals(before, http.get(API + "/conduits", "viewer").body());
        assertTrue(fileSync.history(id).isEmpty());
        assertTrue(fileSync.activeRuns().isEmpty());
    }

    @Test
    public void aDryRunListsThePlanAndASyncRunsItWhileASecondIsRefused() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        Files.writeString(source.resolve("a.txt"), "alpha");
        Files.write(source.resolve("big.bin"), new byte[256 * 1024]);
        // 64 KiB/s: the copy of big.bin takes a few seconds, long enough for a second request
        long id = create(source, target, ", \"bandwidth\": \"64k\"");

        Answer dry = http.post(API + "/conduits/" + id + "/sync?dryRun=true", "karaf", null);
        assertEquals(dry.toString(), 200, dry.status());
        JsonNode plan = dry.json().get("plan");
        assertEquals(2, plan.get("copies").longValue());
        List<String> paths = new ArrayList<>();
        plan.get("operations")
                .forEach(operation -> paths.add(operation.get("path").textValue()));
        assertTrue(paths.toString(), paths.containsAll(List.of("a.txt", "big.bin")));
        assertTrue(dry.toString(), dry.json().get("generation").isNull()); // a dry run records no generation
        assertEquals(
                "Dry run: 2 operations, 2 copies, 0 deletes, " + (5 + 256 * 1024) + " bytes; nothing changed",
                dry.json().get("message").textValue());
        assertTrue(fileSync.history(id).isEmpty()); // a dry run changes nothing, not even the counter
        assertFalse(Files.exists(target.resolve("a.txt")));

        Answer started = http.post(API + "/conduits/" + id + "/sync", "karaf", null);
        assertEquals(started.toString(), 202, started.status());
        long generation = started.json().get("generation").longValue();
        assertEquals(1, generation);
        assertEquals("Generation 1 started", started.json().get("message").textValue());

        Answer status = http.get(API + "/conduits/" + id + "/status", "viewer");
        assertEquals(200, status.status());
        assertTrue(status.toString(), status.json().get("running").booleanValue());
        assertEquals(generation, status.json().get("progress").get("generation").longValue());
        assertTrue(http.get(API + "/status", "viewer").json().size() >= 1);

        Answer second = http.post(API + "/conduits/" + id + "/sync", "karaf", null);
        assertEquals(409, second.status());
        assertTrue(second.error(), second.error().startsWith("Conduit " + id + " is already syncing"));
        Answer busy = http.delete(API + "/conduits/" + id, "karaf");
        assertEquals(busy.toString(), 409, busy.status());
        assertEquals("Conduit " + id + " is syncing: delete it once the run has ended", busy.error());
        assertTrue(fileSync.getConduit(id).isPresent());

        JsonNode done = awaitVerified(id, generation);
        assertEquals("verified", done.get("verification").textValue());
        assertEquals(2, done.get("copied").longValue());
        assertTrue(done.get("durationMillis").longValue() > 0);
        assertEquals("alpha", Files.readString(target.resolve("a.txt")));
        assertEquals(256 * 1024, Files.size(target.resolve("big.bin")));
        JsonNode idle = http.get(API + "/conduits/" + id + "/status", "viewer").json();
        assertFalse(idle.get("running").booleanValue());
        assertEquals(1, idle.get("generation").longValue());
        assertTrue(idle.get("progress").isNull());

        JsonNode locations = http.get(API + "/locations", "viewer").json();
        List<String> roots = new ArrayList<>();
        locations.forEach(location -> roots.add(location.get("root").textValue()));
        assertTrue(roots.toString(), roots.contains(source.toRealPath().toString()));
    }

    @Test
    public void generationsComeNewestFirstInPages() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        long id = create(source, target, "");
        for (int round = 1; round <= 3; round++) {
            Files.writeString(source.resolve("f" + round + ".txt"), "round " + round);
            Answer started = http.post(API + "/conduits/" + id + "/sync", "karaf", null);
            assertEquals(started.toString(), 202, started.status());
            awaitVerified(id, started.json().get("generation").longValue());
        }
        JsonNode first = http.get(API + "/conduits/" + id + "/generations?limit=2", "viewer")
                .json();
        assertEquals(3, first.get("total").intValue());
        assertEquals(2, first.get("items").size());
        assertEquals(3, first.get("items").get(0).get("number").longValue());
        assertEquals(2, first.get("items").get(1).get("number").longValue());
        JsonNode rest = http.get(API + "/conduits/" + id + "/generations?offset=2&limit=2", "viewer")
                .json();
        assertEquals(1, rest.get("items").size());
        assertEquals(1, rest.get("items").get(0).get("number").longValue());
        assertEquals(404, http.get(API + "/conduits/999/generations", "viewer").status());
    }

    @Test
    public void aPromptConflictIsListedWithBothSidesAndResolvedByAnAdminOnly() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        Files.writeString(source.resolve("p.txt"), "from the source");
        Files.writeString(target.resolve("p.txt"), "from the target, longer");
        long id = create(source, target, ", \"mode\": \"bidirectional\", \"conflict\": \"prompt\"");
        Answer started = http.post(API + "/conduits/" + id + "/sync", "karaf", null);
        assertEquals(started.toString(), 202, started.status());
        awaitVerified(id, started.json().get("generation").longValue());

        JsonNode conflicts =
                http.get(API + "/conduits/" + id + "/conflicts", "viewer").json();
        assertEquals(conflicts.toString(), 1, conflicts.size());
        JsonNode conflict = conflicts.get(0);
        assertEquals("p.txt", conflict.get("path").textValue());
        assertEquals("both_modified", conflict.get("type").textValue());
        assertEquals("pending", conflict.get("status").textValue());
        assertEquals(15, conflict.get("source").get("size").longValue());
        assertEquals(23, conflict.get("target").get("size").longValue());

        Answer byViewer = http.post(
                API + "/conduits/" + id + "/conflicts", "viewer", "{\"path\": \"p.txt\", \"use\": \"target\"}");
        assertEquals(403, byViewer.status());
        assertEquals("User viewer may not change filesync: the admin role is needed", byViewer.error());
        Answer unknownPath = http.post(
                API + "/conduits/" + id + "/conflicts", "karaf", "{\"path\": \"q.txt\", \"use\": \"target\"}");
        assertEquals(400, unknownPath.status());
        assertEquals("from the source", Files.readString(source.resolve("p.txt")));

        Answer resolved = http.post(
                API + "/conduits/" + id + "/conflicts", "karaf", "{\"path\": \"p.txt\", \"use\": \"target\"}");
        assertEquals(resolved.toString(), 200, resolved.status());
        assertTrue(
                resolved.json().get("message").textValue(),
                resolved.json()
                        .get("message")
                        .textValue()
                        .startsWith("Conflict at p.txt of conduit " + id + " resolved: use target; "));
        assertEquals("resolved", resolved.json().get("conflict").get("status").textValue());
        awaitCondition("the target's version on both ends", () -> {
            try {
                return Files.readString(source.resolve("p.txt")).equals("from the target, longer");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        awaitCondition("the resolution run to end", () -> fileSync.activeRuns().isEmpty());
        assertEquals(
                0,
                http.get(API + "/conduits/" + id + "/conflicts", "viewer")
                        .json()
                        .size());
        JsonNode all = http.get(API + "/conduits/" + id + "/conflicts?all=true", "viewer")
                .json();
        assertEquals("target", all.get(0).get("resolution").textValue());
    }

    @Test
    public void aViewerReadsButCannotCreateSyncUpdateOrDelete() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        Files.writeString(source.resolve("a.txt"), "a");
        long id = create(source, target, "");
        assertEquals(200, http.get(API + "/conduits/" + id, "viewer").status());
        assertEquals(
                200,
                http.get(API + "/conduits/" + id + "/generations", "viewer").status());
        assertEquals(
                200, http.get(API + "/conduits/" + id + "/conflicts", "viewer").status());
        assertEquals(200, http.get(API + "/locations", "viewer").status());
        String refusal = "User viewer may not change filesync: the admin role is needed";
        Path other = newDirectory("http-other");
        assertEquals(
                refusal,
                http.post(API + "/conduits", "viewer", conduitJson(source, other, ""))
                        .error());
        assertEquals(
                refusal,
                http.post(API + "/conduits/" + id + "/sync", "viewer", null).error());
        assertEquals(
                refusal,
                http.post(API + "/conduits/" + id + "/sync?dryRun=true", "viewer", null)
                        .error());
        assertEquals(
                refusal,
                http.put(API + "/conduits/" + id, "viewer", "{\"enabled\": false}")
                        .error());
        assertEquals(refusal, http.delete(API + "/conduits/" + id, "viewer").error());
        assertEquals(403, http.delete(API + "/conduits/" + id, "viewer").status());
        assertEquals(1, fileSync.listConduits().size());
        assertTrue(fileSync.getConduit(id).orElseThrow().options().enabled());
        assertTrue(fileSync.history(id).isEmpty());
    }

    @Test
    public void aChangeFromAnotherSiteIsRefused() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        String host = http.base().substring("http://".length());
        Answer evil = http.send(
                "POST",
                API + "/conduits",
                "karaf",
                conduitJson(source, target, ""),
                Map.of("Origin", "http://evil.example"));
        assertEquals(403, evil.status());
        assertEquals(
                "Cross-site request refused: Origin http://evil.example does not match the host " + host, evil.error());
        Answer evilReferer = http.send(
                "POST",
                API + "/conduits",
                "karaf",
                conduitJson(source, target, ""),
                Map.of("Referer", "http://evil.example/page.html"));
        assertEquals(403, evilReferer.status());
        assertTrue(fileSync.listConduits().isEmpty());
        Answer sameSite = http.send(
                "POST", API + "/conduits", "karaf", conduitJson(source, target, ""), Map.of("Origin", http.base()));
        assertEquals(sameSite.toString(), 201, sameSite.status());
        // reading from another site's page is not a change (the browser keeps the answer from that page)
        assertEquals(
                200,
                http.send("GET", API + "/conduits", "viewer", null, Map.of("Origin", "http://evil.example"))
                        .status());
    }

    @Test
    public void theEventStreamShowsARunInOrderAndResumesAfterADisconnectWithoutLosingOne() throws Exception {
        Path source = newDirectory("http-src");
        Path target = newDirectory("http-dst");
        for (int i = 0; i < 20; i++) {
            Files.writeString(source.resolve("f" + i + ".txt"), "file " + i);
        }
        long deadline = System.nanoTime() + RUN_NANOS;
        List<SseEvent> seen = new ArrayList<>();
        long id;
        long resumeAfter;
        try (EventStream first = http.new EventStream("viewer", null)) {
            assertEquals(200, first.status);
            id = create(source, target, "");
            SseEvent created = first.next(deadline);
            // a late event of an earlier test's clean-up may come first
            while (!created.event().equals("filesync/conduit/CREATED")
                    || created.data().get("properties").get("conduit.id").longValue() != id) {
                created = first.next(deadline);
            }
            seen.add(created);
            assertEquals(
                    202,
                    http.post(API + "/conduits/" + id + "/sync", "karaf", null).status());
            SseEvent started = first.next(deadline);
            assertEquals("filesync/sync/STARTED", started.event());
            assertEquals(started.id().longValue(), created.id() + 1);
            seen.add(started);
            resumeAfter = started.id();
        }
        // disconnected: the run goes on and ends while no stream is open
        awaitVerified(id, 1);
        try (EventStream resumed = http.new EventStream("viewer", resumeAfter)) {
            assertEquals(200, resumed.status);
            // the run's last two events, in either order
            while (seen.stream().noneMatch(e -> e.event().equals("filesync/sync/COMPLETED"))
                    || seen.stream().noneMatch(e -> e.event().equals("filesync/verification/COMPLETED"))) {
                seen.add(resumed.next(deadline));
            }
        }
        for (int i = 1; i < seen.size(); i++) {
            assertEquals(
                    "ids without a gap: " + seen,
                    seen.get(i - 1).id() + 1,
                    seen.get(i).id().longValue());
        }
        List<String> topics = seen.stream().map(SseEvent::event).toList();
        assertEquals("filesync/conduit/CREATED", topics.get(0));
        assertEquals("filesync/sync/STARTED", topics.get(1));
        assertTrue(topics.toString(), topics.contains("filesync/sync/PROGRESS"));
        assertTrue(topics.toString(), topics.contains("filesync/verification/COMPLETED"));
        assertTrue(topics.indexOf("filesync/sync/PROGRESS") < topics.indexOf("filesync/sync/COMPLETED"));
        assertFalse(topics.toString(), topics.contains("filesync/gap"));
        SseEvent completed = seen.stream()
                .filter(e -> e.event().equals("filesync/sync/COMPLETED"))
                .findFirst()
                .orElseThrow();
        assertEquals(20, completed.data().get("properties").get("files.copied").longValue());
        assertEquals("filesync/sync/COMPLETED", completed.data().get("topic").textValue());

        // a stream opened without Last-Event-ID starts from now on: the next event is a new one
        try (EventStream fresh = http.new EventStream("viewer", null)) {
            assertEquals(
                    200,
                    http.put(API + "/conduits/" + id, "karaf", "{\"enabled\": false}")
                            .status());
            SseEvent next = fresh.next(deadline);
            while (!next.event().equals("filesync/conduit/UPDATED")) {
                assertTrue("an old event replayed: " + next, next.id() > completed.id());
                next = fresh.next(deadline);
            }
            assertTrue(next.id() > seen.get(seen.size() - 1).id());
        }
    }

    @Test
    public void eventStreamsNeedAViewerAValidLastEventIdAndAreCapped() throws Exception {
        Answer anonymous = http.get(API + "/events", null);
        assertEquals(401, anonymous.status());
        Answer bad = http.send("GET", API + "/events", "viewer", null, Map.of("Last-Event-ID", "yesterday"));
        assertEquals(400, bad.status());
        assertEquals("Invalid Last-Event-ID 'yesterday': expected a non-negative number", bad.error());
        assertEquals(400, http.get(API + "/events?since=3", "viewer").status());
        assertEquals(405, http.post(API + "/events", "karaf", "{}").status());
        List<EventStream> open = new ArrayList<>();
        try {
            EventStream refused = null;
            // earlier tests' streams may not be noticed closed yet (the heartbeat finds them within a second)
            long deadline = System.nanoTime() + RUN_NANOS;
            while (refused == null) {
                EventStream stream = http.new EventStream("viewer", null);
                if (stream.status == 200) {
                    open.add(stream);
                    assertTrue("more than " + MAX_STREAMS + " streams open", open.size() <= MAX_STREAMS);
                } else {
                    refused = stream;
                }
                assertTrue(System.nanoTime() < deadline);
            }
            assertEquals(503, refused.status);
            assertEquals(
                    "{\"error\":\"Too many event streams open (" + MAX_STREAMS + "): close one or try again later\"}",
                    refused.errorBody());
        } finally {
            for (EventStream stream : open) {
                stream.close();
            }
        }
        // closed streams are noticed at the next heartbeat, and new ones are accepted again
        awaitCondition("a stream to be accepted again", () -> {
            try (EventStream again = http.new EventStream("viewer", null)) {
                return again.status == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
