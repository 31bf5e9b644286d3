package org.filesync.service.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.FileSyncService;
import org.filesync.index.FileIndex;
import org.filesync.store.ConduitStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The {@link FileSyncService}: conduit lifecycle on the store, with events for every change. */
@Component(service = FileSyncService.class, name = "org.filesync.service")
public final class FileSyncServiceImpl implements FileSyncService {

    private final ConduitStore store;
    private final EventAdmin events;
    private final FileIndex index;

    @Activate
    public FileSyncServiceImpl(
            @Reference ConduitStore store, @Reference EventAdmin events, @Reference FileIndex index) {
        this.store = store;
        this.events = events;
        this.index = index;
    }

    @Override
    public Conduit createConduit(ConduitSpec spec) {
        Conduit created = store.create(spec);
        // both ends are indexed and watched from now on (a path inside a location reuses it)
        index.register(created.source());
        index.register(created.target());
        post(FileSyncEvents.CONDUIT_CREATED, created);
        return created;
    }

    @Override
    public Optional<Conduit> getConduit(long id) {
        return store.get(id);
    }

    @Override
    public List<Conduit> listConduits() {
        return store.list();
    }

    @Override
    public Conduit updateConduit(long id, ConduitOptions options) {
        Conduit updated = store.update(id, options);
        post(FileSyncEvents.CONDUIT_UPDATED, updated);
        return updated;
    }

    @Override
    public void deleteConduit(long id) {
        Conduit existing = store.get(id).orElseThrow(() -> new ConduitNotFoundException(id));
        store.delete(id);
        post(FileSyncEvents.CONDUIT_DELETED, existing);
    }

    private void post(String topic, Conduit conduit) {
        events.postEvent(new Event(
                topic,
                Map.of(
                        FileSyncEvents.PROPERTY_CONDUIT_ID, conduit.id(),
                        FileSyncEvents.PROPERTY_CONDUIT_UUID, conduit.uuid().toString())));
    }
}
