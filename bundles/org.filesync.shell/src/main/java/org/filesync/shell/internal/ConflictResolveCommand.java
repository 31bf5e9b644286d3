package org.filesync.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.filesync.api.ConflictChoice;
import org.filesync.api.InvalidOptionException;

/** {@code filesync:conflict-resolve}: settles one pending conflict with the chosen side. */
@Service
@Command(
        scope = "filesync",
        name = "conflict-resolve",
        description = "Resolve a pending conflict: keep the source's, the target's, or both versions")
public class ConflictResolveCommand extends ConduitCommand {

    @Option(
            name = "--use",
            description = "The side that wins: source, target, or both (the target's is kept as a conflict copy)",
            required = true)
    @Completion(
            value = StringsCompleter.class,
            values = {"source", "target", "both"})
    String use;

    @Argument(
            index = 1,
            name = "path",
            description = "The conflict's path, as filesync:conflicts lists it",
            required = true)
    String path;

    @Override
    Object run() {
        long conduitId = conduitId();
        if (use == null) {
            throw new InvalidOptionException("use", "Choose the side to keep with --use source|target|both");
        }
        ConflictChoice choice = ConflictChoice.parse(use.trim());
        session.getConsole()
                .println(service.resolveConflictAndReport(conduitId, path, choice)
                        .message());
        return null;
    }
}
