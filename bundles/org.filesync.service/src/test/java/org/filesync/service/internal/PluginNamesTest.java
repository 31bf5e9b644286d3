package org.filesync.service.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.filesync.api.ConduitOptions;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.RegisteredPlugins;
import org.junit.jupiter.api.Test;

class PluginNamesTest {

    private static final RegisteredPlugins BUILT_IN = new RegisteredPlugins(
            Set.of("mirror", "bidirectional"), Set.of("newest-wins", "prompt"), Set.of("trash", "permanent"));

    @Test
    void namesTheirOwnersRegisterAreAccepted() {
        assertDoesNotThrow(() -> PluginNames.check(
                ConduitOptions.defaults()
                        .withMode("bidirectional")
                        .withConflictStrategy("prompt")
                        .withDeleteStrategy("permanent"),
                BUILT_IN));
    }

    @Test
    void aThirdPartyDeleteStrategyIsAcceptedOnceRegistered() {
        ConduitOptions options = ConduitOptions.defaults().withDeleteStrategy("shred");
        assertThrows(InvalidOptionException.class, () -> PluginNames.check(options, BUILT_IN));
        assertDoesNotThrow(() -> PluginNames.check(
                options,
                new RegisteredPlugins(BUILT_IN.modes(), BUILT_IN.conflictStrategies(), Set.of("trash", "shred"))));
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThatWouldDo() {
        InvalidOptionException refused = assertThrows(
                InvalidOptionException.class,
                () -> PluginNames.check(ConduitOptions.defaults().withConflictStrategy("coin-toss"), BUILT_IN));
        assertEquals("Unknown conflict 'coin-toss': use one of newest-wins, prompt", refused.getMessage());
    }

    @Test
    void aNameOfAFamilyWithNothingRegisteredIsRefusedSayingSo() {
        InvalidOptionException refused = assertThrows(
                InvalidOptionException.class,
                () -> PluginNames.check(
                        ConduitOptions.defaults(),
                        new RegisteredPlugins(BUILT_IN.modes(), BUILT_IN.conflictStrategies(), Set.of())));
        assertEquals("Unknown delete 'trash': none is registered now", refused.getMessage());
    }

    @Test
    void anUpdateChecksOnlyThePluginsItChanges() {
        ConduitOptions existing = ConduitOptions.defaults().withDeleteStrategy("gone");
        assertDoesNotThrow(() -> PluginNames.checkChanged(existing, existing.withEnabled(false), BUILT_IN));
        InvalidOptionException refused = assertThrows(
                InvalidOptionException.class,
                () -> PluginNames.checkChanged(existing, existing.withMode("selective"), BUILT_IN));
        assertEquals("Unknown mode 'selective': use one of bidirectional, mirror", refused.getMessage());
    }
}
