package org.filesync.store.internal;

import java.util.Set;
import org.filesync.api.ConduitOptions;
import org.filesync.api.InvalidOptionException;

/** The mode and strategy names filesync knows. */
final class PluginNames {

    static final Set<String> MODES = Set.of("mirror", "bidirectional");
    static final Set<String> CONFLICT_STRATEGIES =
            Set.of("newest-wins", "source-wins", "target-wins", "conflict-file", "prompt");
    static final Set<String> DELETE_STRATEGIES = Set.of("trash", "permanent");

    private PluginNames() {}

    static void check(ConduitOptions options) {
        check("mode", options.mode(), MODES);
        check("conflict", options.conflictStrategy(), CONFLICT_STRATEGIES);
        check("delete", options.deleteStrategy(), DELETE_STRATEGIES);
    }

    private static void check(String option, String value, Set<String> known) {
        if (!known.contains(value)) {
            throw new InvalidOptionException(
                    option,
                    "Unknown " + option + " '" + value + "': use one of "
                            + String.join(", ", known.stream().sorted().toList()));
        }
    }
}
