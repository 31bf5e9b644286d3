package org.filesync.store.internal;

import static org.filesync.api.PrintablePaths.printable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import org.filesync.api.Conduit;
import org.filesync.api.DuplicateConduitException;
import org.filesync.api.InvalidEndpointException;

/**
 * Checks the two endpoints of a new conduit (docs/guarantees.md): absolute, existing directories,
 * not symbolic links themselves, distinct and not nested after resolving {@code ..} and symlinks,
 * and not a pair another conduit already binds (in either direction).
 */
final class EndpointValidator {

    /** The endpoints of a conduit as they will be stored: real paths. */
    record Endpoints(Path source, Path target) {}

    private EndpointValidator() {}

    static Endpoints validate(String source, String target, Collection<Conduit> existing) {
        Path realSource = realDirectory("Source", source);
        Path realTarget = realDirectory("Target", target);
        if (realSource.equals(realTarget)) {
            throw new InvalidEndpointException(target, "Source and target are the same directory: " + realSource);
        }
        if (realTarget.startsWith(realSource)) {
            throw new InvalidEndpointException(target, "Target " + realTarget + " is inside source " + realSource);
        }
        if (realSource.startsWith(realTarget)) {
            throw new InvalidEndpointException(source, "Source " + realSource + " is inside target " + realTarget);
        }
        for (Conduit conduit : existing) {
            boolean samePair =
                    conduit.source().equals(realSource) && conduit.target().equals(realTarget);
            boolean reversed =
                    conduit.source().equals(realTarget) && conduit.target().equals(realSource);
            if (samePair || reversed) {
                throw new DuplicateConduitException(
                        conduit.id(),
                        "Conduit " + conduit.id() + " already binds " + conduit.source() + " and " + conduit.target());
            }
        }
        return new Endpoints(realSource, realTarget);
    }

    private static Path realDirectory(String role, String given) {
        Path path;
        try {
            path = Path.of(given);
        } catch (InvalidPathException e) {
            throw new InvalidEndpointException(given, role + " path is not a valid path: " + printable(given));
        }
        if (!path.isAbsolute()) {
            throw new InvalidEndpointException(given, role + " path must be absolute: " + printable(given));
        }
        if (Files.isSymbolicLink(path)) {
            throw new InvalidEndpointException(
                    given, role + " must be a real directory, not a symbolic link: " + printable(given));
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidEndpointException(given, role + " does not exist: " + printable(given));
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidEndpointException(given, role + " is not a directory: " + printable(given));
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new InvalidEndpointException(
                    given, role + " cannot be resolved: " + printable(given) + " (" + e.getMessage() + ")");
        }
    }
}
