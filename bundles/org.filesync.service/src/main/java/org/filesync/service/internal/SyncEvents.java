package org.filesync.service.internal;

import java.util.HashMap;
import java.util.Map;
import org.filesync.api.Conduit;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.Generation;
import org.filesync.api.PathConflict;
import org.filesync.api.SyncProgress;
import org.filesync.api.Trigger;
import org.filesync.resolver.conflict.PlannedConflict;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the {@code filesync/…} events on EventAdmin (docs/architecture.md, "Services"). */
final class SyncEvents {

    private final EventAdmin eventAdmin;

    SyncEvents(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void conduit(String topic, Conduit conduit) {
        eventAdmin.postEvent(new Event(topic, base(conduit)));
    }

    void started(Conduit conduit, long generation, Trigger trigger) {
        Map<String, Object> properties = base(conduit);
        properties.put(FileSyncEvents.PROPERTY_GENERATION, generation);
        properties.put(FileSyncEvents.PROPERTY_TRIGGER, trigger.label());
        eventAdmin.postEvent(new Event(FileSyncEvents.SYNC_STARTED, properties));
    }

    void progress(Conduit conduit, SyncProgress progress) {
        Map<String, Object> properties = base(conduit);
        properties.put(FileSyncEvents.PROPERTY_GENERATION, progress.generation());
        properties.put("phase", progress.phase().name());
        properties.put("files.done", progress.filesDone());
        properties.put("files.total", progress.filesTotal());
        properties.put("bytes.done", progress.bytesDone());
        properties.put("bytes.total", progress.bytesTotal());
        properties.put("files.copied", progress.copied());
        properties.put("files.deleted", progress.deleted());
        progress.activity().ifPresent(activity -> properties.put(FileSyncEvents.PROPERTY_ACTIVITY, activity));
        eventAdmin.postEvent(new Event(FileSyncEvents.SYNC_PROGRESS, properties));
    }

    void completed(Conduit conduit, Generation generation) {
        Map<String, Object> properties = base(conduit);
        properties.put(FileSyncEvents.PROPERTY_GENERATION, generation.number());
        properties.put("files.copied", generation.filesCopied());
        properties.put("files.deleted", generation.filesDeleted());
        properties.put("files.moved", generation.filesMoved());
        properties.put("bytes", generation.bytes());
        eventAdmin.postEvent(new Event(FileSyncEvents.SYNC_COMPLETED, properties));
    }

    void verified(Conduit conduit, Generation generation) {
        Map<String, Object> properties = base(conduit);
        properties.put(FileSyncEvents.PROPERTY_GENERATION, generation.number());
        properties.put(FileSyncEvents.PROPERTY_VERIFICATION, generation.verification());
        eventAdmin.postEvent(new Event(FileSyncEvents.VERIFICATION_COMPLETED, properties));
    }

    void failed(Conduit conduit, long generation, String reason) {
        Map<String, Object> properties = base(conduit);
        properties.put(FileSyncEvents.PROPERTY_GENERATION, generation);
        properties.put(FileSyncEvents.PROPERTY_REASON, reason);
        eventAdmin.postEvent(new Event(FileSyncEvents.SYNC_FAILED, properties));
    }

    void conflict(String topic, Conduit conduit, long generation, PlannedConflict conflict) {
        Map<String, Object> properties = base(conduit);
        properties.put(FileSyncEvents.PROPERTY_GENERATION, generation);
        properties.put(FileSyncEvents.PROPERTY_PATH, conflict.path());
        properties.put(
                FileSyncEvents.PROPERTY_CONFLICT_TYPE,
                conflict.conflict().type().label());
        properties.put(FileSyncEvents.PROPERTY_RESOLUTION, conflict.decision().describe());
        eventAdmin.postEvent(new Event(topic, properties));
    }

    void userResolved(Conduit conduit, PathConflict conflict) {
        Map<String, Object> properties = base(conduit);
        properties.put(FileSyncEvents.PROPERTY_GENERATION, conflict.generation());
        properties.put(FileSyncEvents.PROPERTY_PATH, conflict.path());
        properties.put(FileSyncEvents.PROPERTY_CONFLICT_TYPE, conflict.type());
        properties.put(FileSyncEvents.PROPERTY_RESOLUTION, conflict.resolution().orElse("pending"));
        eventAdmin.postEvent(new Event(FileSyncEvents.CONFLICT_RESOLVED, properties));
    }

    private static Map<String, Object> base(Conduit conduit) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(FileSyncEvents.PROPERTY_CONDUIT_ID, conduit.id());
        properties.put(FileSyncEvents.PROPERTY_CONDUIT_UUID, conduit.uuid().toString());
        return properties;
    }
}
