package org.filesync.store;

import java.util.Objects;

/**
 * The index change sequences of both ends at the last state they verifiably agreed on; a later
 * resolution may read only what changed after them, as long as the ignore rules are the same.
 *
 * @param sourceSequence the source location's sequence
 * @param targetSequence the target location's sequence
 * @param ignoreRules the fingerprint of the ignore rules the agreement was reached with ({@code
 *     org.filesync.index.IgnoreRules#fingerprint}; empty for none)
 */
public record SequenceCheckpoint(long sourceSequence, long targetSequence, String ignoreRules) {

    public SequenceCheckpoint {
        if (sourceSequence < 0 || targetSequence < 0) {
            throw new IllegalArgumentException("sequences cannot be negative");
        }
        Objects.requireNonNull(ignoreRules, "ignoreRules");
    }

    /** A checkpoint reached without ignore rules. */
    public SequenceCheckpoint(long sourceSequence, long targetSequence) {
        this(sourceSequence, targetSequence, "");
    }
}
