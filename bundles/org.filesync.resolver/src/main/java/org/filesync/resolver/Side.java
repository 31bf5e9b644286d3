package org.filesync.resolver;

/** One end of a conduit. */
public enum Side {
    /** The conduit's source end. */
    SOURCE,
    /** The conduit's target end. */
    TARGET;

    /** The other end. */
    public Side other() {
        return this == SOURCE ? TARGET : SOURCE;
    }
}
