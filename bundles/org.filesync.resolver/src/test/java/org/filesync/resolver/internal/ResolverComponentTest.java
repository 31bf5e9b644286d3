package org.filesync.resolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexedLocation;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.ModeUnavailableException;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.SyncMode;
import org.filesync.resolver.testing.MemoryIndex;
import org.junit.jupiter.api.Test;

/** The resolver service: mode selection by name and ranking, hot swap, refused ends. */
class ResolverComponentTest {

    static final Path SRC = Path.of("/src");
    static final Path DST = Path.of("/dst");

    final MemoryIndex index = new MemoryIndex().add(SRC).add(DST);
    final ResolverComponent resolver = new ResolverComponent(index);

    /** A mode that returns an empty plan tagged with its own name as the mode. */
    static SyncMode fixed(String tag) {
        return context -> new Plan(
                context.request().conduitId(),
                tag,
                Resolution.FULL,
                context.current(),
                List.of(),
                List.of(),
                List.of(),
                SideStats.notCounted(),
                SideStats.notCounted());
    }

    static Map<String, Object> props(String name, long id, Integer ranking) {
        return ranking == null
                ? Map.of(SyncMode.PROPERTY, name, "service.id", id)
                : Map.of(SyncMode.PROPERTY, name, "service.id", id, "service.ranking", ranking);
    }

    ResolveRequest request(String mode) {
        return ResolveRequest.full("c", new Endpoint(SRC, ""), new Endpoint(DST, ""), mode);
    }

    @Test
    void anUnknownModeFailsWithAnErrorNamingIt() {
        ModeUnavailableException e =
                assertThrows(ModeUnavailableException.class, () -> resolver.resolve(request("selective")));
        assertEquals("No sync mode 'selective' is available", e.getMessage());
        assertEquals("selective", e.mode());
    }

    @Test
    void modesAreHotSwappable() {
        Map<String, Object> mirror = props("mirror", 7L, null);
        SyncMode mode = fixed("mirror");
        resolver.addMode(mode, mirror);
        assertEquals(Set.of("mirror"), resolver.modes());
        assertEquals("mirror", resolver.resolve(request("mirror")).mode());

        resolver.removeMode(mode, mirror);
        assertTrue(resolver.modes().isEmpty());
        assertThrows(ModeUnavailableException.class, () -> resolver.resolve(request("mirror")));

        resolver.addMode(fixed("mirror"), props("mirror", 8L, null));
        assertEquals("mirror", resolver.resolve(request("mirror")).mode());
    }

    @Test
    void highestRankingWinsThenLowestServiceId() {
        resolver.addMode(fixed("first"), props("m", 10L, null));
        resolver.addMode(fixed("second"), props("m", 11L, null));
        assertEquals("first", resolver.resolve(request("m")).mode());

        resolver.addMode(fixed("ranked"), props("m", 12L, 5));
        assertEquals("ranked", resolver.resolve(request("m")).mode());

        resolver.updateMode(fixed("ranked"), props("m", 12L, -1));
        assertEquals("first", resolver.resolve(request("m")).mode());

        resolver.removeMode(fixed("first"), props("m", 10L, null));
        assertEquals("second", resolver.resolve(request("m")).mode());
    }

    @Test
    void aModeWithoutANameIsIgnored() {
        resolver.addMode(fixed("x"), Map.of("service.id", 3L));
        assertTrue(resolver.modes().isEmpty());
    }

    @Test
    void anEndThatIsNotIndexedMissingOrInErrorIsRefusedNeverTakenForEmpty() {
        resolver.addMode(fixed("mirror"), props("mirror", 1L, null));
        ResolveRequest unknown =
                ResolveRequest.full("c", new Endpoint(Path.of("/gone"), ""), new Endpoint(DST, ""), "mirror");
        assertEquals(
                "Source /gone is not indexed",
                assertThrows(ResolverException.class, () -> resolver.resolve(unknown))
                        .getMessage());

        ResolveRequest missingPrefix =
                ResolveRequest.full("c", new Endpoint(SRC, "sub"), new Endpoint(DST, ""), "mirror");
        assertEquals(
                "Source /src/sub is missing or not a directory",
                assertThrows(ResolverException.class, () -> resolver.resolve(missingPrefix))
                        .getMessage());

        index.unreadable(SRC, "sub", EntryKind.DIRECTORY);
        assertTrue(assertThrows(ResolverException.class, () -> resolver.resolve(missingPrefix))
                .getMessage()
                .startsWith("Source /src/sub cannot be read"));

        index.state(DST, IndexedLocation.ERROR_PREFIX + "unmounted");
        assertEquals(
                "Target /dst cannot be read: error:unmounted",
                assertThrows(ResolverException.class, () -> resolver.resolve(request("mirror")))
                        .getMessage());
    }

    @Test
    void aPlanForAnotherResolutionIsRejected() {
        resolver.addMode(
                context -> new Plan(
                        context.request().conduitId(),
                        "bad",
                        Resolution.FULL,
                        new Checkpoint(99, 99),
                        List.of(),
                        List.of(),
                        List.of(),
                        SideStats.notCounted(),
                        SideStats.notCounted()),
                props("bad", 1L, null));
        assertThrows(ResolverException.class, () -> resolver.resolve(request("bad")));
    }
}
