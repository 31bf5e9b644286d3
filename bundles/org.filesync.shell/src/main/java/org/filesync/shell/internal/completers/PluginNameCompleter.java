package org.filesync.shell.internal.completers;

import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.filesync.api.FileSyncService;
import org.filesync.api.RegisteredPlugins;

/** Completes the names of one plug-in family registered now, as the service reports them. */
abstract class PluginNameCompleter implements Completer {

    @Reference
    FileSyncService service;

    /** The family's names among those registered. */
    abstract Set<String> names(RegisteredPlugins registered);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter(names(service.registeredPlugins()));
        return names.complete(session, commandLine, candidates);
    }
}
