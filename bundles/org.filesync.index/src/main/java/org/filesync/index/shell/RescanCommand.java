package org.filesync.index.shell;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexException;

/** {@code filesync:rescan PATH}: rescans a location or a subtree of one and waits until it is applied. */
@Service
@Command(scope = "filesync", name = "rescan", description = "Rescans an indexed location or a path inside one")
public class RescanCommand implements Action {

    @Reference
    FileIndex index;

    @Reference
    Session session;

    @Option(name = "--deep", description = "Hash every file again, not only those whose size, mtime or inode changed")
    boolean deep;

    @Argument(index = 0, name = "path", description = "Absolute path inside an indexed location", required = true)
    @Completion(FileCompleter.class)
    String path;

    @Override
    public Object execute() {
        Path p;
        try {
            p = Path.of(path);
        } catch (RuntimeException e) {
            throw new CommandException("not a path: " + path);
        }
        try {
            index.rescan(p, deep);
        } catch (IndexException e) {
            // the user's error: one line, exit code 1, nothing logged above debug
            throw new CommandException(e.getMessage());
        }
        long seq = index.locate(p).map(l -> l.location().sequence()).orElse(0L);
        session.getConsole().println("Rescanned " + p.normalize() + " (sequence " + seq + ")");
        return null;
    }
}
