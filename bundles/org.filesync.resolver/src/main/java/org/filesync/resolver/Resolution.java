package org.filesync.resolver;

/** How a plan was computed. */
public enum Resolution {
    /** Both ends were read in full and merged in path order. */
    FULL,
    /** Only the entries changed since a {@link Checkpoint} were read, with their counterparts. */
    INCREMENTAL
}
