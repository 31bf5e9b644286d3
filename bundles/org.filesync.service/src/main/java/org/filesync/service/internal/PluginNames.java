package org.filesync.service.internal;

import java.util.Set;
import java.util.TreeSet;
import org.filesync.api.ConduitOptions;
import org.filesync.api.InvalidOptionException;

/**
 * The mode and strategy names a conduit may use: the ones filesync ships (accepted even while their
 * bundle is stopped: such a conduit fails to sync with an error naming the plug-in) and the ones
 * registered now (plug-ins other bundles add at runtime).
 */
final class PluginNames {

    static final Set<String> MODES = Set.of("mirror", "bidirectional");
    static final Set<String> CONFLICT_STRATEGIES =
            Set.of("newest-wins", "source-wins", "target-wins", "conflict-file", "prompt");
    static final Set<String> DELETE_STRATEGIES = Set.of("trash", "permanent");

    private PluginNames() {}

    /**
     * @throws InvalidOptionException naming the option and the accepted names
     */
    static void check(ConduitOptions options, Set<String> registeredModes, Set<String> registeredStrategies) {
        check("mode", options.mode(), MODES, registeredModes);
        check("conflict", options.conflictStrategy(), CONFLICT_STRATEGIES, registeredStrategies);
        check("delete", options.deleteStrategy(), DELETE_STRATEGIES, Set.of());
    }

    private static void check(String option, String value, Set<String> shipped, Set<String> registered) {
        if (shipped.contains(value) || registered.contains(value)) {
            return;
        }
        Set<String> known = new TreeSet<>(shipped);
        known.addAll(registered);
        throw new InvalidOptionException(
                option, "Unknown " + option + " '" + value + "': use one of " + String.join(", ", known));
    }
}
