package org.filesync.resolver;

import org.filesync.resolver.internal.Checks;

/**
 * The index change sequences of both ends at which a resolution read them. Taken from a plan that
 * proves the ends agree ({@link Plan#inAgreement()}, typically the verification's), it lets the
 * next resolution read only the entries changed since.
 *
 * @param sourceSequence the source location's change sequence
 * @param targetSequence the target location's change sequence
 */
public record Checkpoint(long sourceSequence, long targetSequence) {

    public Checkpoint {
        Checks.notNegative(sourceSequence, "sourceSequence");
        Checks.notNegative(targetSequence, "targetSequence");
    }

    /** The sequence of one end. */
    public long sequence(Side side) {
        return side == Side.SOURCE ? sourceSequence : targetSequence;
    }
}
