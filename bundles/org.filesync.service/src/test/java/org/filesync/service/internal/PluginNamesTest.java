package org.filesync.service.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.filesync.api.ConduitOptions;
import org.filesync.api.InvalidOptionException;
import org.junit.jupiter.api.Test;

class PluginNamesTest {

    @Test
    void shippedNamesAreAcceptedEvenWhenNothingIsRegistered() {
        assertDoesNotThrow(() -> PluginNames.check(
                ConduitOptions.defaults().withMode("bidirectional").withConflictStrategy("prompt"),
                Set.of(),
                Set.of()));
    }

    @Test
    void aStrategyRegisteredAtRuntimeIsAccepted() {
        assertDoesNotThrow(() -> PluginNames.check(
                ConduitOptions.defaults().withConflictStrategy("keep-largest"), Set.of(), Set.of("keep-largest")));
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThatWouldDo() {
        InvalidOptionException refused = assertThrows(
                InvalidOptionException.class,
                () -> PluginNames.check(
                        ConduitOptions.defaults().withConflictStrategy("coin-toss"), Set.of(), Set.of("keep-largest")));
        assertEquals(
                "Unknown conflict 'coin-toss': use one of conflict-file, keep-largest, newest-wins, prompt,"
                        + " source-wins, target-wins",
                refused.getMessage());
    }
}
