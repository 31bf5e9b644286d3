package org.filesync.store;

/**
 * The index change sequences of both ends at the last state they verifiably agreed on; a later
 * resolution may read only what changed after them.
 *
 * @param sourceSequence the source location's sequence
 * @param targetSequence the target location's sequence
 */
public record SequenceCheckpoint(long sourceSequence, long targetSequence) {

    public SequenceCheckpoint {
        if (sourceSequence < 0 || targetSequence < 0) {
            throw new IllegalArgumentException("sequences cannot be negative");
        }
    }
}
