package org.filesync.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConflictPlan;
import org.filesync.api.ConflictSide;
import org.filesync.api.Generation;
import org.filesync.api.PathConflict;
import org.filesync.api.PlannedOperation;
import org.filesync.api.Schedule;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncProgress;
import org.filesync.index.IndexedLocation;

/**
 * The JSON form of the API's values. Option fields carry the names a create or update request
 * takes ({@link ConduitRequests}); times are ISO-8601 instants, absent values {@code null}.
 */
final class JsonViews {

    /** The most planned operations a dry run lists; the counts always cover the whole plan. */
    static final int MAX_LISTED_OPERATIONS = 10_000;

    private JsonViews() {}

    static ObjectNode conduit(Conduit conduit) {
        ObjectNode node = Json.object();
        node.put("id", conduit.id());
        node.put("uuid", conduit.uuid().toString());
        node.put("source", conduit.source().toString());
        node.put("target", conduit.target().toString());
        options(node, conduit.options());
        node.put("generation", conduit.currentGeneration());
        time(node, "lastCompleted", conduit.lastCompleted());
        node.put("lastError", conduit.lastError().orElse(null));
        ObjectNode schedule = node.putObject("scheduleState");
        time(schedule, "nextRun", conduit.scheduleState().nextRun());
        schedule.put("failures", conduit.scheduleState().failures());
        schedule.put("hold", conduit.scheduleState().hold().orElse(null));
        ObjectNode statistics = node.putObject("statistics");
        statistics.put("syncs", conduit.statistics().totalSyncs());
        statistics.put("files", conduit.statistics().filesSynced());
        statistics.put("bytes", conduit.statistics().bytesSynced());
        return node;
    }

    private static void options(ObjectNode node, ConduitOptions options) {
        node.put("mode", options.mode());
        node.put("conflict", options.conflictStrategy());
        node.put("delete", options.deleteStrategy());
        node.put("schedule", options.schedule().toString());
        if (options.schedule().kind() == Schedule.Kind.INSTANT) {
            node.put("delay", Schedule.shortest(options.schedule().delay()));
        }
        node.put("parallel", options.parallelTransfers());
        node.put("maxDelete", options.maxDeletePercent());
        node.put("bandwidth", options.bandwidthLimit());
        node.put("verifyRetry", options.verifyRetry());
        node.put("enabled", options.enabled());
        strings(node.putArray("ignore"), options.ignores());
    }

    static ArrayNode conduits(List<Conduit> conduits) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        conduits.forEach(conduit -> array.add(conduit(conduit)));
        return array;
    }

    static ObjectNode generation(Generation generation) {
        ObjectNode node = Json.object();
        node.put("conduit", generation.conduitId());
        node.put("number", generation.number());
        time(node, "started", Optional.of(generation.started()));
        time(node, "completed", generation.completed());
        node.put("phase", lower(generation.phase()));
        node.put("trigger", generation.trigger().label());
        node.put("copied", generation.filesCopied());
        node.put("deleted", generation.filesDeleted());
        node.put("moved", generation.filesMoved());
        node.put("conflicts", generation.conflicts());
        node.put("bytes", generation.bytes());
        node.put("verification", generation.verification());
        time(node, "verifiedAt", generation.verifiedAt());
        // the run's length as an operator sees it: until verification ended, else until the jobs ended
        Optional<Instant> end = generation.verifiedAt().or(generation::completed);
        if (end.isPresent()) {
            node.put(
                    "durationMillis",
                    Duration.between(generation.started(), end.get()).toMillis());
        } else {
            node.putNull("durationMillis");
        }
        node.put("ignored", generation.ignored());
        strings(node.putArray("errors"), generation.errors());
        strings(node.putArray("warnings"), generation.warnings());
        return node;
    }

    /** One page of a conduit's history, newest first. */
    static ObjectNode generations(List<Generation> all, int offset, int limit) {
        ObjectNode node = Json.object();
        node.put("total", all.size());
        node.put("offset", offset);
        node.put("limit", limit);
        ArrayNode items = node.putArray("items");
        all.stream().skip(offset).limit(limit).forEach(generation -> items.add(generation(generation)));
        return node;
    }

    static ObjectNode progress(SyncProgress progress) {
        ObjectNode node = Json.object();
        node.put("conduit", progress.conduitId());
        if (progress.generation() > 0) {
            node.put("generation", progress.generation());
        } else {
            node.putNull("generation"); // settling or resolving: no generation yet
        }
        node.put("phase", lower(progress.phase()));
        node.put("filesDone", progress.filesDone());
        node.put("filesTotal", progress.filesTotal());
        node.put("bytesDone", progress.bytesDone());
        node.put("bytesTotal", progress.bytesTotal());
        node.put("bytesPerSecond", Math.round(progress.bytesPerSecond()));
        if (progress.eta().isPresent()) {
            node.put("etaSeconds", progress.eta().get().toMillis() / 1000.0);
        } else {
            node.putNull("etaSeconds");
        }
        time(node, "started", Optional.of(progress.started()));
        node.put("copied", progress.copied());
        node.put("deleted", progress.deleted());
        node.put("activity", progress.activity().orElse(null));
        return node;
    }

    static ArrayNode progresses(List<SyncProgress> runs) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        runs.forEach(run -> array.add(progress(run)));
        return array;
    }

    /** A conduit's status: its run in progress, if any, and where its last run left it. */
    static ObjectNode status(Conduit conduit, Optional<SyncProgress> run) {
        ObjectNode node = Json.object();
        node.put("conduit", conduit.id());
        node.put("running", run.isPresent());
        if (run.isPresent()) {
            node.set("progress", progress(run.get()));
        } else {
            node.putNull("progress");
        }
        node.put("generation", conduit.currentGeneration());
        time(node, "lastCompleted", conduit.lastCompleted());
        node.put("lastError", conduit.lastError().orElse(null));
        return node;
    }

    /** A plan's counts and, if {@code listOperations}, its steps (at most {@link #MAX_LISTED_OPERATIONS}). */
    static ObjectNode plan(SyncPlan plan, boolean listOperations) {
        ObjectNode node = Json.object();
        node.put("operationCount", plan.operations().size());
        node.put("copies", plan.copies());
        node.put("deletes", plan.deletes());
        node.put("moves", plan.moves());
        node.put("conflicts", plan.conflicts());
        node.put("bytes", plan.bytes());
        node.put("ignored", plan.ignored());
        strings(node.putArray("kept"), plan.kept());
        ArrayNode conflicts = node.putArray("conflictPlans");
        plan.conflictPlans().forEach(conflict -> conflicts.add(conflictPlan(conflict)));
        if (listOperations) {
            ArrayNode operations = node.putArray("operations");
            plan.operations().stream()
                    .limit(MAX_LISTED_OPERATIONS)
                    .forEach(operation -> operations.add(operation(operation)));
            node.put("operationsTruncated", plan.operations().size() > MAX_LISTED_OPERATIONS);
        }
        return node;
    }

    static ObjectNode operation(PlannedOperation operation) {
        ObjectNode node = Json.object();
        node.put("action", operation.action());
        node.put("path", operation.path());
        operation.from().ifPresent(from -> node.put("from", from));
        node.put("direction", operation.toTarget() ? "to-target" : "to-source");
        node.put("bytes", operation.bytes());
        return node;
    }

    /** A conflict of a plan and the decision the run carries out: a winner, or pending for a user. */
    static ObjectNode conflictPlan(ConflictPlan conflict) {
        ObjectNode node = Json.object();
        node.put("path", conflict.path());
        node.put("type", conflict.type());
        side(node, "source", conflict.source());
        side(node, "target", conflict.target());
        node.put("strategy", conflict.strategy());
        node.put("winner", conflict.winner().orElse(null));
        node.put("keepsBoth", conflict.keepsBoth());
        node.put("resolution", conflict.resolution());
        return node;
    }

    static ObjectNode conflict(PathConflict conflict) {
        ObjectNode node = Json.object();
        node.put("conduit", conflict.conduitId());
        node.put("generation", conflict.generation());
        node.put("path", conflict.path());
        node.put("type", conflict.type());
        side(node, "source", conflict.source());
        side(node, "target", conflict.target());
        node.put("status", conflict.status().label());
        node.put("resolution", conflict.resolution().orElse(null));
        node.put("resolvedBy", conflict.resolvedBy().orElse(null));
        time(node, "detected", Optional.of(conflict.detected()));
        time(node, "resolved", conflict.resolved());
        return node;
    }

    static ArrayNode conflicts(List<PathConflict> conflicts) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        conflicts.forEach(conflict -> array.add(conflict(conflict)));
        return array;
    }

    private static void side(ObjectNode node, String name, Optional<ConflictSide> side) {
        if (side.isEmpty()) {
            node.putNull(name); // that end deleted the path
            return;
        }
        ObjectNode facts = node.putObject(name);
        facts.put("kind", side.get().kind().label());
        facts.put("size", side.get().size());
        time(facts, "modified", Optional.of(side.get().modified()));
        facts.put("hash", side.get().hash().orElse(null));
    }

    static ObjectNode location(IndexedLocation location) {
        ObjectNode node = Json.object();
        node.put("root", location.root().toString());
        node.put("state", location.state());
        node.put("entries", location.entryCount());
        node.put("sequence", location.sequence());
        time(node, "lastFullScan", location.lastFullScan());
        return node;
    }

    static ArrayNode locations(List<IndexedLocation> locations) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        locations.forEach(location -> array.add(location(location)));
        return array;
    }

    private static void time(ObjectNode node, String name, Optional<Instant> instant) {
        node.put(name, instant.map(Instant::toString).orElse(null));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
