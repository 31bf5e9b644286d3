package org.filesync.conflict.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.filesync.resolver.Side;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.junit.jupiter.api.Test;

class RegisteredConflictStrategiesTest {

    private final RegisteredConflictStrategies strategies = new RegisteredConflictStrategies();

    private static Map<String, Object> service(Object name, long id, int ranking) {
        return Map.of(ConflictStrategy.PROPERTY, name, "service.id", id, "service.ranking", ranking);
    }

    @Test
    void amongStrategiesOfOneNameTheHighestRankingThenTheLowestIdWins() {
        ConflictStrategy pending = c -> ConflictDecision.pending();
        strategies.addStrategy(c -> ConflictDecision.wins(Side.SOURCE), service("x", 7L, 0));
        strategies.addStrategy(c -> ConflictDecision.wins(Side.TARGET), service("x", 9L, 5));
        strategies.addStrategy(pending, service("x", 8L, 5));
        assertSame(pending, strategies.find("x").orElseThrow());
    }

    @Test
    void theNamesAreThoseRegisteredNow() {
        ConflictStrategy both = new PromptStrategy();
        strategies.addStrategy(new NewestWinsStrategy(), service(NewestWinsStrategy.NAME, 1L, 0));
        strategies.addStrategy(both, service(new String[] {"ask", "later"}, 2L, 0));
        assertEquals(List.of("ask", "later", "newest-wins"), List.copyOf(strategies.names()));

        strategies.removeStrategy(both, service(new String[] {"ask", "later"}, 2L, 0));
        assertEquals(Set.of("newest-wins"), strategies.names());
        assertTrue(strategies.find("ask").isEmpty());

        strategies.addStrategy(both, service("ask", 3L, 0));
        assertSame(both, strategies.find("ask").orElseThrow());
    }
}
