package org.filesync.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitStatistics;
import org.filesync.index.IgnoreRules;
import org.junit.jupiter.api.Test;

class LocationPruningTest {

    private static final Path SHARED = Path.of("/data/shared");

    private static Conduit conduit(long id, Path source, Path target, String... ignores) {
        return new Conduit(
                id,
                UUID.randomUUID(),
                source,
                target,
                ConduitOptions.defaults().withIgnores(List.of(ignores)),
                Optional.empty(),
                0,
                Optional.empty(),
                ConduitStatistics.NONE);
    }

    @Test
    void eachConduitWhoseEndIsTheLocationBringsItsRules() {
        List<Conduit> conduits = List.of(
                conduit(1, SHARED, Path.of("/backup/one"), "node_modules/"),
                conduit(2, Path.of("/elsewhere"), SHARED, "*.o"),
                conduit(3, Path.of("/x"), Path.of("/y"), "*.tmp"));

        assertEquals(
                List.of(new IgnoreRules(List.of("node_modules/")), new IgnoreRules(List.of("*.o"))),
                LocationPruning.ruleSets(SHARED, conduits));
    }

    @Test
    void aConduitWhoseEndIsInsideTheLocationOrHoldsItBringsNoRulesSoThatNothingIsPruned() {
        List<Conduit> conduits = List.of(
                conduit(1, SHARED, Path.of("/backup/one"), "node_modules/"),
                conduit(2, SHARED.resolve("web"), Path.of("/backup/web"), "node_modules/"),
                conduit(3, Path.of("/data"), Path.of("/backup/all"), "node_modules/"));

        assertEquals(
                List.of(new IgnoreRules(List.of("node_modules/")), IgnoreRules.NONE, IgnoreRules.NONE),
                LocationPruning.ruleSets(SHARED, conduits));
    }
}
