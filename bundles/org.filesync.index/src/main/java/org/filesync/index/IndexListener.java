package org.filesync.index;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The change feed: register a service of this type (OSGi whiteboard) to be told when a location's
 * entries change. Calls come on one index thread, in sequence order per location, after the
 * changes are committed; keep them short and do not call back into blocking index methods such
 * as {@link FileIndex#rescan(java.nio.file.Path)} from them.
 */
@ConsumerType
public interface IndexListener {

    /** Entries of {@code change.root()} changed. */
    void indexChanged(IndexChange change);
}
