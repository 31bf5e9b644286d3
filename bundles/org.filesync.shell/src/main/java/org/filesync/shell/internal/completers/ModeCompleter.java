package org.filesync.shell.internal.completers;

import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.filesync.api.RegisteredPlugins;

/** Completes the names of the sync modes registered now. */
@Service
public class ModeCompleter extends PluginNameCompleter {

    @Override
    Set<String> names(RegisteredPlugins registered) {
        return registered.modes();
    }
}
