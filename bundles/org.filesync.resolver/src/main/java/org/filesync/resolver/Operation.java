package org.filesync.resolver;

import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.resolver.conflict.Preserve;

/**
 * One step of a {@link Plan}: it changes the entry at {@link #path()} on the {@link
 * Direction#to()} end of its {@link #direction()}. Before acting, a job re-checks that end
 * against {@link #expected()}: if the user changed it since the plan, the path is skipped and
 * reported, and the next generation handles it.
 */
public sealed interface Operation
        permits Copy, CreateDirectory, CreateSymlink, UpdateMetadata, Displace, Move, Delete, Preserve {

    /** The kind of an operation, for records and summaries. */
    enum Type {
        /** {@link Copy}. */
        COPY,
        /** {@link CreateDirectory}. */
        CREATE_DIRECTORY,
        /** {@link CreateSymlink}. */
        CREATE_SYMLINK,
        /** {@link UpdateMetadata}. */
        UPDATE_METADATA,
        /** {@link Displace}. */
        DISPLACE,
        /** {@link Move}. */
        MOVE,
        /** {@link Delete}. */
        DELETE,
        /** {@link Preserve}. */
        PRESERVE
    }

    /** The path relative to both conduit ends. */
    String path();

    /** Which end is read and which is changed. */
    Direction direction();

    /** The kind of operation. */
    Type type();

    /** What the plan saw at the changed end: empty when it saw nothing there. */
    Optional<EntryFacts> expected();

    /** The bytes of content this operation writes (only a {@link Copy} or a {@link Preserve} writes content). */
    default long bytes() {
        return 0;
    }
}
