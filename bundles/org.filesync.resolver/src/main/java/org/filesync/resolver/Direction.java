package org.filesync.resolver;

/**
 * Which way an operation goes: it reads the {@link #from()} end and changes the {@link #to()} end
 * (a delete removes an entry from {@link #to()}, propagating its absence from {@link #from()}).
 */
public enum Direction {
    /** From the source end to the target end (the only direction of mirror mode). */
    SOURCE_TO_TARGET(Side.SOURCE, Side.TARGET),
    /** From the target end to the source end (bidirectional modes). */
    TARGET_TO_SOURCE(Side.TARGET, Side.SOURCE);

    private final Side from;
    private final Side to;

    Direction(Side from, Side to) {
        this.from = from;
        this.to = to;
    }

    /** The end that is read. */
    public Side from() {
        return from;
    }

    /** The end that is changed. */
    public Side to() {
        return to;
    }

    /** The direction that changes {@code side}. */
    public static Direction towards(Side side) {
        return side == Side.TARGET ? SOURCE_TO_TARGET : TARGET_TO_SOURCE;
    }
}
