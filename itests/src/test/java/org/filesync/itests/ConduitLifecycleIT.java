package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.DuplicateConduitException;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.InvalidEndpointException;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.Schedule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** Conduit create / get / list / update / delete through the OSGi service, in the real container. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConduitLifecycleIT extends FileSyncTestSupport {

    @Test
    public void aCreatedConduitIsStoredWithDefaultsAndRealPaths() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Conduit created = fileSync.createConduit(ConduitSpec.of(source.toString(), target + "/."));
        assertEquals(source.toRealPath(), created.source());
        assertEquals(target.toRealPath(), created.target());
        assertEquals(ConduitOptions.defaults(), created.options());
        assertEquals(0, created.currentGeneration());
        assertEquals(created, fileSync.getConduit(created.id()).orElseThrow());
        assertEquals(List.of(created), fileSync.listConduits());
    }

    @Test
    public void conduitIdsKeepIncreasingAfterADeletion() throws Exception {
        Conduit first = fileSync.createConduit(
                ConduitSpec.of(newDirectory("a").toString(), newDirectory("b").toString()));
        fileSync.deleteConduit(first.id());
        Conduit second = fileSync.createConduit(
                ConduitSpec.of(newDirectory("c").toString(), newDirectory("d").toString()));
        assertTrue(second.id() > first.id());
    }

    @Test
    public void anUpdateReplacesTheOptionsAndKeepsTheEndpoints() throws Exception {
        Conduit created = fileSync.createConduit(ConduitSpec.of(
                newDirectory("src").toString(), newDirectory("dst").toString()));
        ConduitOptions options = created.options()
                .withMode("bidirectional")
                .withConflictStrategy("prompt")
                .withSchedule(Schedule.parse("interval:1h"))
                .withEnabled(false);
        Conduit updated = fileSync.updateConduit(created.id(), options);
        assertEquals(options, updated.options());
        assertEquals(created.source(), updated.source());
        assertEquals(options, fileSync.getConduit(created.id()).orElseThrow().options());
    }

    @Test
    public void deletingAConduitLeavesTheFilesAtBothEnds() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Files.writeString(source.resolve("a.txt"), "a");
        Files.writeString(target.resolve("b.txt"), "b");
        Conduit created = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));
        fileSync.deleteConduit(created.id());
        assertTrue(fileSync.getConduit(created.id()).isEmpty());
        assertEquals("a", Files.readString(source.resolve("a.txt")));
        assertEquals("b", Files.readString(target.resolve("b.txt")));
    }

    @Test
    public void everyInvalidCreationIsRefusedAndStoresNothing() throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        Path file = Files.writeString(source.resolve("file.txt"), "x");
        Path nested = Files.createDirectories(source.resolve("inner"));
        Path link = Files.createSymbolicLink(newDirectory("links").resolve("link"), target);
        Conduit existing = fileSync.createConduit(ConduitSpec.of(source.toString(), target.toString()));
        Path other = newDirectory("other");

        assertRefused(
                InvalidEndpointException.class, "must be absolute", ConduitSpec.of("relative/src", other.toString()));
        assertRefused(
                InvalidEndpointException.class, "does not exist", ConduitSpec.of(other.toString(), other + "-missing"));
        assertRefused(
                InvalidEndpointException.class,
                "is not a directory",
                ConduitSpec.of(other.toString(), file.toString()));
        assertRefused(
                InvalidEndpointException.class,
                "same directory",
                ConduitSpec.of(other.toString(), other + "/../" + other.getFileName()));
        assertRefused(
                InvalidEndpointException.class,
                "is inside source",
                ConduitSpec.of(source.toString(), nested.toString()));
        assertRefused(
                InvalidEndpointException.class,
                "is inside target",
                ConduitSpec.of(nested.toString(), source.toString()));
        assertRefused(
                InvalidEndpointException.class, "symbolic link", ConduitSpec.of(other.toString(), link.toString()));
        assertRefused(
                DuplicateConduitException.class, "already binds", ConduitSpec.of(source.toString(), target.toString()));
        assertRefused(
                DuplicateConduitException.class, "already binds", ConduitSpec.of(target.toString(), source.toString()));
        assertRefused(
                InvalidOptionException.class,
                "Unknown mode 'selective'",
                new ConduitSpec(
                        other.toString(),
                        newDirectory("x").toString(),
                        ConduitOptions.defaults().withMode("selective")));
        assertRefused(
                InvalidOptionException.class,
                "Unknown conflict 'coin-toss'",
                new ConduitSpec(
                        other.toString(),
                        newDirectory("x").toString(),
                        ConduitOptions.defaults().withConflictStrategy("coin-toss")));
        assertRefused(
                InvalidOptionException.class,
                "Unknown delete 'shred'",
                new ConduitSpec(
                        other.toString(),
                        newDirectory("x").toString(),
                        ConduitOptions.defaults().withDeleteStrategy("shred")));

        assertEquals(List.of(existing), fileSync.listConduits());
    }

    @Test
    public void updatesAndDeletesOfUnknownConduitsAreRefused() {
        ConduitNotFoundException update = assertThrows(
                ConduitNotFoundException.class, () -> fileSync.updateConduit(4711, ConduitOptions.defaults()));
        assertEquals("No conduit with id 4711", update.getMessage());
        assertThrows(ConduitNotFoundException.class, () -> fileSync.deleteConduit(4711));
        assertTrue(fileSync.listConduits().isEmpty());
    }

    @Test
    public void createUpdateAndDeleteArePostedAsEvents() throws Exception {
        BlockingQueue<Event> received = new LinkedBlockingQueue<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, FileSyncEvents.TOPIC_PREFIX + "conduit/*");
        ServiceRegistration<EventHandler> registration =
                bundleContext.registerService(EventHandler.class, received::add, properties);
        try {
            Conduit created = fileSync.createConduit(ConduitSpec.of(
                    newDirectory("s").toString(), newDirectory("t").toString()));
            fileSync.updateConduit(created.id(), created.options().withEnabled(false));
            fileSync.deleteConduit(created.id());
            for (String topic : List.of(
                    FileSyncEvents.CONDUIT_CREATED, FileSyncEvents.CONDUIT_UPDATED, FileSyncEvents.CONDUIT_DELETED)) {
                Event event = received.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                assertNotNull("no event " + topic, event);
                assertEquals(topic, event.getTopic());
                assertEquals(created.id(), event.getProperty(FileSyncEvents.PROPERTY_CONDUIT_ID));
                assertEquals(created.uuid().toString(), event.getProperty(FileSyncEvents.PROPERTY_CONDUIT_UUID));
            }
        } finally {
            registration.unregister();
        }
    }

    private void assertRefused(Class<? extends Exception> type, String expected, ConduitSpec spec) {
        Exception error = assertThrows(type, () -> fileSync.createConduit(spec));
        assertTrue(error.getMessage(), error.getMessage().contains(expected));
        assertFalse(error.getMessage(), error.getMessage().contains("\n"));
    }
}
