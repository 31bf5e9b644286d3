package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;

/**
 * One entry to copy. The source may be a file, a directory (created empty, with its metadata) or a
 * symbolic link (copied as a link, never followed).
 *
 * @param source the absolute path to read
 * @param target the absolute path to write, inside the options' endpoint
 * @param expectedTarget what the plan saw at the target (see {@link DeleteItem} for how it is re-checked); empty when it expected nothing there (an
 *     entry that appeared meanwhile is then kept and reported {@code changed-since-plan})
 * @param sourceHash the source content's hash when the plan knows it: computed while copying and
 *     compared
 */
public record CopyItem(
        Path source, Path target, Optional<EntryFacts> expectedTarget, Optional<ContentHash> sourceHash) {

    public CopyItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(expectedTarget, "expectedTarget");
        Objects.requireNonNull(sourceHash, "sourceHash");
        if (!source.isAbsolute() || !target.isAbsolute()) {
            throw new IllegalArgumentException("copy paths must be absolute: " + source + " -> " + target);
        }
    }

    /** A copy to a target the plan saw absent. */
    public static CopyItem toNew(Path source, Path target) {
        return new CopyItem(source, target, Optional.empty(), Optional.empty());
    }

    /** A copy replacing a target the plan saw in {@code expected} state. */
    public static CopyItem replacing(Path source, Path target, EntryFacts expected) {
        return new CopyItem(source, target, Optional.of(expected), Optional.empty());
    }
}
