package org.filesync.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitBusyException;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitStatistics;
import org.filesync.api.ConflictPlan;
import org.filesync.api.ConflictSide;
import org.filesync.api.DuplicateConduitException;
import org.filesync.api.FileSyncException;
import org.filesync.api.Generation;
import org.filesync.api.InvalidEndpointException;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.PathConflict;
import org.filesync.api.PlannedOperation;
import org.filesync.api.Schedule;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.Trigger;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexedLocation;
import org.junit.jupiter.api.Test;

class JsonViewsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T04:15:00Z");

    private static String json(Object node) {
        return node.toString();
    }

    @Test
    void aConduitShowsItsOptionsUnderTheNamesARequestTakes() {
        UUID uuid = UUID.fromString("79e89017-39b6-4766-b35a-ef4b50cf9ad1");
        Conduit conduit = new Conduit(
                3,
                uuid,
                Path.of("/a"),
                Path.of("/b"),
                ConduitOptions.defaults().withIgnores(List.of("*.tmp")),
                Optional.of(T0),
                7,
                Optional.empty(),
                new ConduitStatistics(7, 70, 700));
        ObjectNode view = JsonViews.conduit(conduit);
        assertEquals(
                "{\"id\":3,\"uuid\":\"79e89017-39b6-4766-b35a-ef4b50cf9ad1\",\"source\":\"/a\",\"target\":\"/b\","
                        + "\"mode\":\"mirror\",\"conflict\":\"newest-wins\",\"delete\":\"trash\",\"schedule\":\"manual\","
                        + "\"parallel\":4,\"maxDelete\":50,\"bandwidth\":0,\"verifyRetry\":false,\"enabled\":true,"
                        + "\"ignore\":[\"*.tmp\"],\"generation\":7,\"lastCompleted\":\"2026-11-26T04:15:00Z\","
                        + "\"lastError\":null,\"scheduleState\":{\"nextRun\":null,\"failures\":0,\"hold\":null},"
                        + "\"statistics\":{\"syncs\":7,\"files\":70,\"bytes\":700}}",
                json(view));
        // what a conduit shows is what an update takes back
        ObjectNode options = view.deepCopy();
        options.remove(List.of(
                "id",
                "uuid",
                "source",
                "target",
                "generation",
                "lastCompleted",
                "lastError",
                "scheduleState",
                "statistics"));
        assertEquals(conduit.options(), ConduitRequests.update(options, ConduitOptions.defaults()));
    }

    @Test
    void aHeldInstantConduitShowsItsDelayAndItsScheduleState() {
        Conduit conduit = new Conduit(
                4,
                UUID.fromString("79e89017-39b6-4766-b35a-ef4b50cf9ad2"),
                Path.of("/a"),
                Path.of("/b"),
                ConduitOptions.defaults().withSchedule(Schedule.INSTANT.withDelay(Duration.ofSeconds(3))),
                Optional.empty(),
                2,
                Optional.empty(),
                new ConduitStatistics(2, 0, 0),
                new ScheduleState(Optional.of(T0), 3, Optional.of("max-delete: 60 % of the target")));
        ObjectNode view = JsonViews.conduit(conduit);
        assertEquals("instant", view.get("schedule").textValue());
        assertEquals("3s", view.get("delay").textValue());
        assertEquals(
                "{\"nextRun\":\"2026-11-26T04:15:00Z\",\"failures\":3,\"hold\":\"max-delete: 60 % of the target\"}",
                json(view.get("scheduleState")));
        assertEquals(
                conduit.options(),
                ConduitRequests.update(view.deepCopy().retain("schedule", "delay"), ConduitOptions.defaults()));
    }

    @Test
    void aGenerationCarriesItsDurationUntilVerification() {
        Generation generation = new Generation(
                3,
                2,
                T0,
                Optional.of(T0.plusMillis(1500)),
                Generation.Phase.COMPLETED,
                5,
                1,
                0,
                4096,
                List.of(),
                Generation.VERIFIED,
                Optional.of(T0.plusMillis(2250)),
                0,
                List.of("kept: cache/"));
        ObjectNode view = JsonViews.generation(generation);
        assertEquals(2250, view.get("durationMillis").longValue());
        assertEquals("completed", view.get("phase").textValue());
        assertEquals("manual", view.get("trigger").textValue());
        assertEquals("verified", view.get("verification").textValue());
        assertEquals("[\"kept: cache/\"]", json(view.get("warnings")));
        ObjectNode planned = JsonViews.generation(Generation.planned(3, 3, T0));
        assertTrue(planned.get("durationMillis").isNull());
        assertTrue(planned.get("completed").isNull());
    }

    @Test
    void historyIsPagedNewestFirstAsGiven() {
        List<Generation> history = new ArrayList<>();
        for (int number = 10; number >= 1; number--) {
            history.add(Generation.planned(1, number, T0));
        }
        ObjectNode page = JsonViews.generations(history, 3, 4);
        assertEquals(10, page.get("total").intValue());
        assertEquals(4, page.get("items").size());
        assertEquals(7, page.get("items").get(0).get("number").intValue());
        assertEquals(0, JsonViews.generations(history, 20, 4).get("items").size());
    }

    @Test
    void progressHasNoGenerationWhileSettling() {
        SyncProgress settling = new SyncProgress(1, 0, Generation.Phase.SETTLING, 0, 0, 0, 0, 0, Optional.empty(), T0);
        ObjectNode view = JsonViews.progress(settling);
        assertTrue(view.get("generation").isNull());
        assertTrue(view.get("etaSeconds").isNull());
        assertEquals("settling", view.get("phase").textValue());
        SyncProgress copying = new SyncProgress(
                1, 4, Generation.Phase.COPYING, 2, 8, 100, 800, 50.4, Optional.of(Duration.ofMillis(14_000)), T0);
        ObjectNode copyingView = JsonViews.progress(copying);
        assertEquals(4, copyingView.get("generation").longValue());
        assertEquals(50, copyingView.get("bytesPerSecond").longValue());
        assertEquals(14.0, copyingView.get("etaSeconds").doubleValue());
    }

    @Test
    void aPlanListsItsStepsUpToTheLimitAndAlwaysCountsThemAll() {
        List<PlannedOperation> operations = new ArrayList<>();
        for (int i = 0; i < JsonViews.MAX_LISTED_OPERATIONS + 5; i++) {
            operations.add(new PlannedOperation("copy", "f" + i, i % 2 == 0, 1));
        }
        SyncPlan plan = new SyncPlan(1, operations, operations.size(), 0, 0, operations.size(), 2, List.of("d/"));
        ObjectNode listed = JsonViews.plan(plan, true);
        assertEquals(operations.size(), listed.get("operationCount").intValue());
        assertEquals(JsonViews.MAX_LISTED_OPERATIONS, listed.get("operations").size());
        assertTrue(listed.get("operationsTruncated").booleanValue());
        assertEquals(
                "{\"action\":\"copy\",\"path\":\"f1\",\"direction\":\"to-source\",\"bytes\":1}",
                json(listed.get("operations").get(1)));
        assertTrue(!JsonViews.plan(plan, false).has("operations"));
    }

    @Test
    void aPlannedMoveNamesItsOldPathAndThePlanAndTheGenerationCountMoves() {
        PlannedOperation move = new PlannedOperation("move", "new/name", true, 0, Optional.of("old/name"));
        SyncPlan plan = new SyncPlan(1, List.of(move), 0, 0, 1, 0, 0, 0, List.of(), List.of());
        Generation generation = new Generation(
                1,
                3,
                T0,
                Optional.of(T0),
                Generation.Phase.COMPLETED,
                0,
                0,
                1,
                0,
                0,
                List.of(),
                Generation.VERIFIED,
                Optional.of(T0),
                0,
                List.of(),
                Trigger.MANUAL);

        ObjectNode planView = JsonViews.plan(plan, true);

        assertEquals(1, planView.get("moves").longValue());
        assertEquals("old/name", planView.get("operations").get(0).get("from").textValue());
        assertEquals(1, JsonViews.generation(generation).get("moved").longValue());
    }

    @Test
    void progressCarriesTheCountsOfTheGenerationAndWhatTheRunDoesInItsPhase() {
        SyncProgress verifying = new SyncProgress(
                1,
                4,
                Generation.Phase.VERIFYING,
                8,
                8,
                800,
                800,
                0,
                Optional.empty(),
                T0,
                7,
                1,
                Optional.of("rescanning 8 paths"));
        ObjectNode view = JsonViews.progress(verifying);
        assertEquals(7, view.get("copied").longValue());
        assertEquals(1, view.get("deleted").longValue());
        assertEquals("rescanning 8 paths", view.get("activity").textValue());
        SyncProgress copying =
                new SyncProgress(1, 4, Generation.Phase.COPYING, 2, 8, 100, 800, 50, Optional.empty(), T0);
        assertTrue(JsonViews.progress(copying).get("activity").isNull());
    }

    @Test
    void aPlanListsEachConflictWithTheDecisionTheRunCarriesOut() {
        ConflictSide file = new ConflictSide(EntryKind.FILE, 3, T0, Optional.empty());
        SyncPlan plan = new SyncPlan(
                1,
                List.of(),
                0,
                0,
                2,
                0,
                0,
                List.of(),
                List.of(
                        new ConflictPlan(
                                "c.txt",
                                "both_modified",
                                Optional.of(file),
                                Optional.of(file),
                                "newest-wins",
                                Optional.of("source"),
                                false),
                        new ConflictPlan(
                                "d.txt",
                                "deleted_vs_modified",
                                Optional.empty(),
                                Optional.of(file),
                                "prompt",
                                Optional.empty(),
                                false)));
        ObjectNode view = JsonViews.plan(plan, false);
        assertEquals(2, view.get("conflictPlans").size());
        ObjectNode decided = (ObjectNode) view.get("conflictPlans").get(0);
        assertEquals("newest-wins", decided.get("strategy").textValue());
        assertEquals("source", decided.get("winner").textValue());
        assertEquals("source", decided.get("resolution").textValue());
        ObjectNode pending = (ObjectNode) view.get("conflictPlans").get(1);
        assertTrue(pending.get("winner").isNull());
        assertTrue(pending.get("source").isNull());
        assertEquals("pending", pending.get("resolution").textValue());
    }

    @Test
    void aConflictShowsBothSidesAndADeletedSideAsNull() {
        PathConflict conflict = new PathConflict(
                1,
                2,
                "docs/a.txt",
                "deleted_vs_modified",
                Optional.of(new ConflictSide(EntryKind.FILE, 12, T0, Optional.of("ab12"))),
                Optional.empty(),
                PathConflict.Status.PENDING,
                Optional.empty(),
                Optional.empty(),
                T0,
                Optional.empty());
        assertEquals(
                "{\"conduit\":1,\"generation\":2,\"path\":\"docs/a.txt\",\"type\":\"deleted_vs_modified\","
                        + "\"source\":{\"kind\":\"file\",\"size\":12,\"modified\":\"2026-11-26T04:15:00Z\","
                        + "\"hash\":\"ab12\"},\"target\":null,\"status\":\"pending\",\"resolution\":null,"
                        + "\"resolvedBy\":null,\"detected\":\"2026-11-26T04:15:00Z\",\"resolved\":null}",
                json(JsonViews.conflict(conflict)));
    }

    @Test
    void aLocationShowsItsState() {
        assertEquals(
                "{\"root\":\"/a\",\"state\":\"settled\",\"entries\":4,\"sequence\":9,\"lastFullScan\":null}",
                json(JsonViews.location(new IndexedLocation(Path.of("/a"), "settled", 4, Optional.empty(), 9))));
    }

    @Test
    void refusalsMapToTheStatusesOfSpecSection13() {
        assertEquals(404, ErrorStatus.of(new ConduitNotFoundException(4)));
        assertEquals(409, ErrorStatus.of(new DuplicateConduitException(1, "Conduit 1 already binds /a and /b")));
        assertEquals(409, ErrorStatus.of(new SyncRefusedException("Conduit 1 is already syncing (generation 3)")));
        assertEquals(
                409,
                ErrorStatus.of(new ConduitBusyException(1, "Conduit 1 is syncing: delete it once the run has ended")));
        assertEquals(400, ErrorStatus.of(new InvalidEndpointException("a", "Source path must be absolute")));
        assertEquals(400, ErrorStatus.of(new InvalidOptionException("parallel", "Parallel transfers must be …")));
        assertEquals(500, ErrorStatus.of(new FileSyncException("store unavailable")));
    }
}
