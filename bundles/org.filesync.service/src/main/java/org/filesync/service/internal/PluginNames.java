package org.filesync.service.internal;

import java.util.Set;
import org.filesync.api.ConduitOptions;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.RegisteredPlugins;

/**
 * Checks the plug-in names a conduit uses against the ones registered now, as their owners publish
 * them: the modes by the resolver, the conflict strategies by the conflict bundle, the delete
 * strategies by the transfer service. A conduit whose plug-in goes away later is kept; its runs are
 * refused with an error naming the plug-in until it returns.
 */
final class PluginNames {

    private PluginNames() {}

    /**
     * Checks every plug-in the options name.
     *
     * @throws InvalidOptionException naming the option and the accepted names
     */
    static void check(ConduitOptions options, RegisteredPlugins registered) {
        check("mode", options.mode(), registered.modes());
        check("conflict", options.conflictStrategy(), registered.conflictStrategies());
        check("delete", options.deleteStrategy(), registered.deleteStrategies());
    }

    /**
     * Checks the plug-ins the options name differently from {@code existing}: a conduit whose plug-in
     * is absent now can still be changed otherwise (disabled, for instance).
     *
     * @throws InvalidOptionException naming the option and the accepted names
     */
    static void checkChanged(ConduitOptions existing, ConduitOptions options, RegisteredPlugins registered) {
        if (!existing.mode().equals(options.mode())) {
            check("mode", options.mode(), registered.modes());
        }
        if (!existing.conflictStrategy().equals(options.conflictStrategy())) {
            check("conflict", options.conflictStrategy(), registered.conflictStrategies());
        }
        if (!existing.deleteStrategy().equals(options.deleteStrategy())) {
            check("delete", options.deleteStrategy(), registered.deleteStrategies());
        }
    }

    private static void check(String option, String value, Set<String> registered) {
        if (registered.contains(value)) {
            return;
        }
        String known = registered.isEmpty() ? "none is registered now" : "use one of " + String.join(", ", registered);
        throw new InvalidOptionException(option, "Unknown " + option + " '" + value + "': " + known);
    }
}
