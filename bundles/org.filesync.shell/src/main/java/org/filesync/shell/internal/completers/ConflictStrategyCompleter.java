package org.filesync.shell.internal.completers;

import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.filesync.api.RegisteredPlugins;

/** Completes the names of the conflict strategies registered now. */
@Service
public class ConflictStrategyCompleter extends PluginNameCompleter {

    @Override
    Set<String> names(RegisteredPlugins registered) {
        return registered.conflictStrategies();
    }
}
