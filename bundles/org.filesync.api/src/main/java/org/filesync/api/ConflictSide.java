package org.filesync.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;

/**
 * What one end of a conduit held at a conflicting path when the conflict was detected.
 *
 * @param kind file, directory, symlink or other
 * @param size bytes (0 for a directory)
 * @param modified the modification time
 * @param hash the content hash of a file (SHA-256, hex), when known
 */
public record ConflictSide(EntryKind kind, long size, Instant modified, Optional<String> hash) {

    public ConflictSide {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(hash, "hash");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    /** The side as a conflict records it, from the facts the plan saw. */
    public static ConflictSide of(EntryFacts facts) {
        return new ConflictSide(facts.kind(), facts.size(), Instant.EPOCH.plusNanos(facts.mtimeNanos()), facts.hash());
    }

    /** {@code file 12 bytes modified 2026-11-26T04:15:00Z}. */
    public String describe() {
        return kind.label() + " " + size + " bytes modified " + modified;
    }
}
