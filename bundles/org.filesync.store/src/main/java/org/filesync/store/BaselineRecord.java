package org.filesync.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a conduit's stored baseline: the state both ends agreed on at a path.
 *
 * @param path the path relative to both ends
 * @param kind {@code FILE}, {@code DIRECTORY}, {@code SYMLINK} or {@code OTHER}
 * @param size bytes
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param mode POSIX permission bits, or -1
 * @param hash the content hash of a file, when known
 * @param symlinkTarget the link text of a symlink
 */
public record BaselineRecord(
        String path,
        String kind,
        long size,
        long mtimeNanos,
        int mode,
        Optional<String> hash,
        Optional<String> symlinkTarget) {

    public BaselineRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(symlinkTarget, "symlinkTarget");
    }
}
