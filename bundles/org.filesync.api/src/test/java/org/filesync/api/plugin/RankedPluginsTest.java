package org.filesync.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RankedPluginsTest {

    private static final String PROPERTY = "test.plugin";

    private final RankedPlugins<String> plugins = new RankedPlugins<>(PROPERTY);

    private static Map<String, Object> service(Object name, long id, Object ranking) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PROPERTY, name);
        properties.put(RankedPlugins.SERVICE_ID, id);
        if (ranking != null) {
            properties.put(RankedPlugins.SERVICE_RANKING, ranking);
        }
        return properties;
    }

    @Test
    void theHighestRankingWinsThenTheLowestServiceId() {
        plugins.add("second", service("x", 11L, null));
        plugins.add("first", service("x", 10L, null));
        assertEquals(Optional.of("first"), plugins.find("x"));

        plugins.add("ranked", service("x", 12L, 5));
        assertEquals(Optional.of("ranked"), plugins.find("x"));

        plugins.add("below", service("x", 9L, -1));
        assertEquals(List.of("ranked", "first", "second", "below"), plugins.all());
    }

    @Test
    void aRankingThatIsNotAnIntegerCountsAsZero() {
        plugins.add("first", service("x", 1L, null));
        plugins.add("text", service("x", 2L, "100"));
        plugins.add("long", service("x", 3L, 100L));
        assertEquals(Optional.of("first"), plugins.find("x"));
    }

    @Test
    void aStringPropertyNamesOnePlugin() {
        assertEquals(Set.of("x"), plugins.add("p", service(" x ", 1L, null)));
        assertEquals(Set.of("x"), plugins.names());
        assertEquals(Optional.of("p"), plugins.find("x"));
        assertTrue(plugins.find("y").isEmpty());
    }

    @Test
    void aStringArrayOrCollectionPropertyNamesThePluginUnderEachName() {
        plugins.add("p", service(new String[] {"x", "y"}, 1L, null));
        plugins.add("q", service(List.of("z", "w"), 2L, null));
        assertEquals(List.of("w", "x", "y", "z"), List.copyOf(plugins.names()));
        assertEquals(Optional.of("p"), plugins.find("x"));
        assertEquals(Optional.of("p"), plugins.find("y"));
        assertEquals(Optional.of("q"), plugins.find("w"));
        assertEquals(List.of("p", "q"), plugins.all());
    }

    @Test
    void aServiceThatNamesNothingIsNotSelectable() {
        assertTrue(plugins.add("blank", service(" ", 1L, null)).isEmpty());
        assertTrue(plugins.add("none", service(null, 2L, null)).isEmpty());
        assertTrue(plugins.add("number", service(42, 3L, null)).isEmpty());
        assertTrue(plugins.add("empty array", service(new String[0], 4L, null)).isEmpty());
        assertTrue(plugins.names().isEmpty());
        assertTrue(plugins.all().isEmpty());
    }

    @Test
    void aServiceWithoutAnIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> plugins.add("p", Map.of(PROPERTY, "x")));
    }

    @Test
    void aRemovedPluginIsNoLongerChosenAndTheNextOneIs() {
        plugins.add("first", service("x", 1L, null));
        plugins.add("second", service("x", 2L, null));
        plugins.add("other", service("y", 3L, null));

        assertEquals(Set.of("x"), plugins.remove(service("x", 1L, null)));
        assertEquals(Optional.of("second"), plugins.find("x"));

        plugins.remove(service("x", 2L, null));
        assertTrue(plugins.find("x").isEmpty());
        assertEquals(Set.of("y"), plugins.names());
        assertTrue(plugins.remove(service("x", 2L, null)).isEmpty(), "removing twice is harmless");
    }

    @Test
    void aPluginAddedAgainIsChosenAgain() {
        plugins.add("p", service("x", 1L, null));
        plugins.remove(service("x", 1L, null));
        assertTrue(plugins.find("x").isEmpty());

        plugins.add("p again", service("x", 7L, null));
        assertEquals(Optional.of("p again"), plugins.find("x"));
        assertEquals(Set.of("x"), plugins.names());
    }

    @Test
    void anUpdateTakesTheNewNamesAndRanking() {
        plugins.add("first", service("x", 1L, null));
        plugins.add("second", service("x", 2L, 5));
        assertEquals(Optional.of("second"), plugins.find("x"));

        plugins.update("second", service("x", 2L, -5));
        assertEquals(Optional.of("first"), plugins.find("x"));

        plugins.update("second", service("y", 2L, 0));
        assertEquals(Optional.of("second"), plugins.find("y"));
        assertEquals(List.of("first", "second"), plugins.all());

        assertTrue(plugins.update("second", service(null, 2L, 0)).isEmpty());
        assertEquals(Set.of("x"), plugins.names());
    }

    @Test
    void lookupsDuringChangesSeeAWholeSnapshot() throws Exception {
        plugins.add("steady", service("x", 1L, null));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            var changes = threads.submit(() -> {
                start.await();
                for (long id = 2; id < 2_000; id++) {
                    plugins.add("churn", service("x", id, null));
                    plugins.remove(service("x", id, null));
                }
                return null;
            });
            var lookups = threads.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    assertEquals(Optional.of("steady"), plugins.find("x"));
                }
                return null;
            });
            start.countDown();
            changes.get(30, TimeUnit.SECONDS);
            lookups.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of("steady"), plugins.all());
    }
}
