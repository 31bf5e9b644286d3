package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferReasons;

/**
 * Walks and creates directories under an endpoint without ever passing through a symbolic link:
 * every component below the endpoint root must be a real directory. Remembers directories it has
 * checked during one job. Thread-safe.
 */
final class SafeDirs {

    private final Path endpoint;
    private final Set<Path> checked = ConcurrentHashMap.newKeySet();

    SafeDirs(Path endpoint) {
        this.endpoint = endpoint.normalize();
    }

    Path endpoint() {
        return endpoint;
    }

    /**
     * Checks that {@code path} is strictly under the endpoint and, unless {@code internalAllowed},
     * not in its {@code .filesync} folder.
     */
    Path inside(Path path, boolean internalAllowed) throws ItemFailure {
        Path p = path.normalize();
        if (!p.startsWith(endpoint) || p.equals(endpoint)) {
            throw new ItemFailure(TransferReasons.OUTSIDE_ENDPOINT, p + " is not inside the endpoint " + endpoint);
        }
        if (!internalAllowed && Layout.isInternal(endpoint, p)) {
            throw new ItemFailure(
                    TransferReasons.OUTSIDE_ENDPOINT, p + " is in filesync's own folder " + Layout.FOLDER);
        }
        return p;
    }

    /**
     * Makes sure {@code dir} (the endpoint or under it) is a real directory reached through real
     * directories, creating missing ones when {@code create}.
     *
     * @throws NoSuchFileException when a directory is missing and {@code create} is false
     */
    void ensure(Path dir, boolean create) throws ItemFailure, IOException {
        Path d = dir.normalize();
        if (d.equals(endpoint) || checked.contains(d)) {
            return;
        }
        if (!d.startsWith(endpoint)) {
            throw new ItemFailure(TransferReasons.OUTSIDE_ENDPOINT, d + " is not inside the endpoint " + endpoint);
        }
        ensure(d.getParent(), create);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(d, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            if (!create) {
                throw e;
            }
            try {
                Files.createDirectory(d);
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile: checked below
            }
            a = Files.readAttributes(d, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        if (a.isSymbolicLink()) {
            throw new ItemFailure(
                    TransferReasons.SYMLINK_IN_PATH,
                    d + " is a symbolic link: nothing is written or deleted through it");
        }
        if (!a.isDirectory()) {
            throw new ItemFailure(TransferReasons.IO_ERROR, d + " is not a directory");
        }
        checked.add(d);
    }

    /** Forgets a directory and every directory under it, e.g. after it was renamed. */
    void forgetTree(Path dir) {
        Path d = dir.normalize();
        checked.removeIf(p -> p.startsWith(d));
    }

    /** Forgets a directory, e.g. after it was removed. */
    void forget(Path dir) {
        checked.remove(dir.normalize());
    }
}
