/**
 * The {@code bidirectional} sync mode (docs/sync-modes.md): each end is compared with the conduit's
 * baseline; one-sided changes are propagated, incompatible ones are settled by the conduit's
 * conflict strategy. The implementation lives in {@code org.filesync.mode.bidirectional.internal};
 * nothing is exported: the mode is reached as a {@link org.filesync.resolver.SyncMode} service.
 */
package org.filesync.mode.bidirectional;
