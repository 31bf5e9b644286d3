package org.filesync.shell.internal.completers;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.filesync.api.FileSyncService;

/** Completes conduit ids. */
@Service
public class ConduitIdCompleter implements Completer {

    @Reference
    FileSyncService service;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        service.listConduits().forEach(conduit -> ids.getStrings().add(Long.toString(conduit.id())));
        return ids.complete(session, commandLine, candidates);
    }
}
