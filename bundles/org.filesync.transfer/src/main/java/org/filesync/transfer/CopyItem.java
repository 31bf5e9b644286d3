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
 * @param moveFrom an entry of the target endpoint to rename to {@code target} instead of copying
 *     (then {@code expectedTarget} is empty); when the rename cannot be done, the item is copied
 */
public record CopyItem(
        Path source,
        Path target,
        Optional<EntryFacts> expectedTarget,
        Optional<ContentHash> sourceHash,
        Optional<MoveOrigin> moveFrom) {

    public CopyItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(expectedTarget, "expectedTarget");
        Objects.requireNonNull(sourceHash, "sourceHash");
        Objects.requireNonNull(moveFrom, "moveFrom");
        if (!source.isAbsolute() || !target.isAbsolute()) {
            throw new IllegalArgumentException("copy paths must be absolute: " + source + " -> " + target);
        }
        if (moveFrom.isPresent() && expectedTarget.isPresent()) {
            throw new IllegalArgumentException("a move needs a free target name: " + target);
        }
    }

    /** A copy without a move. */
    public CopyItem(Path source, Path target, Optional<EntryFacts> expectedTarget, Optional<ContentHash> sourceHash) {
        this(source, target, expectedTarget, sourceHash, Optional.empty());
    }

    /**
     * A rename of {@code origin} to the free name {@code target}, or, when that cannot be done, a
     * copy from {@code source}.
     */
    public static CopyItem moving(Path source, Path target, MoveOrigin origin, Optional<ContentHash> sourceHash) {
        return new CopyItem(source, target, Optional.empty(), sourceHash, Optional.of(origin));
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
