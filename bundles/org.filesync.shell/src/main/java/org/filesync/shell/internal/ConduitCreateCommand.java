package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;

/** {@code filesync:conduit-create}: checks and stores a new conduit. */
@Service
@Command(scope = "filesync", name = "conduit-create", description = "Create a conduit between two directories")
public class ConduitCreateCommand extends ConduitOptionsSupport {

    @Argument(index = 0, name = "source", description = "Absolute path of the source directory", required = true)
    @Completion(FileCompleter.class)
    String source;

    @Argument(index = 1, name = "target", description = "Absolute path of the target directory", required = true)
    @Completion(FileCompleter.class)
    String target;

    @Override
    Object run() {
        Conduit created = service.createConduit(new ConduitSpec(source, target, applyTo(ConduitOptions.defaults())));
        println("Conduit " + created.id() + " created");
        return null;
    }
}
