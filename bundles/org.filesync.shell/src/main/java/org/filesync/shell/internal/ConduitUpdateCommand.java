package org.filesync.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConduitOptions;
import org.filesync.api.InvalidRequestException;
import org.filesync.shell.internal.completers.ConduitIdCompleter;

/** {@code filesync:conduit-update}: changes a conduit's settings. */
@Service
@Command(scope = "filesync", name = "conduit-update", description = "Change the settings of a conduit")
public class ConduitUpdateCommand extends ConduitOptionsSupport {

    @Option(name = "--enabled", description = "true to allow syncing, false to suspend it (new conduits: true)")
    @Completion(
            value = StringsCompleter.class,
            values = {"true", "false"})
    String enabled;

    @Option(name = "--no-ignores", description = "Remove every ignore rule")
    boolean noIgnores;

    @Argument(index = 0, name = "id", description = "Conduit id", required = true)
    @Completion(ConduitIdCompleter.class)
    String id;

    @Override
    Object run() {
        long conduitId = Conduit.parseId(id);
        if (noIgnores && ignore != null) {
            throw new InvalidRequestException("Give either --ignore or --no-ignores, not both");
        }
        if (enabled == null && !noIgnores && !anyOptionGiven()) {
            throw new InvalidRequestException("Nothing to update: give at least one option, e.g. --enabled false");
        }
        Conduit conduit = service.getConduit(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        ConduitOptions options = applyTo(conduit.options());
        if (noIgnores) {
            options = options.withIgnores(List.of());
        }
        if (enabled != null) {
            options = options.withEnabled(CommandArguments.bool("enabled", enabled));
        }
        service.updateConduit(conduitId, options);
        println("Conduit " + conduitId + " updated");
        return null;
    }

    private boolean anyOptionGiven() {
        return mode != null
                || conflict != null
                || delete != null
                || schedule != null
                || delay != null
                || parallel != null
                || maxDelete != null
                || bandwidth != null
                || verifyRetry != null
                || ignore != null;
    }
}
