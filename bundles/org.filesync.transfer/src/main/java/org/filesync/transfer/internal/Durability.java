package org.filesync.transfer.internal;

/**
 * How a copy job makes its temp files durable before renaming them into place.
 *
 * <ul>
 *   <li>{@link #SYNCFS_BATCH}: write a batch of temp files, one {@code syncfs(2)} on the target
 *       filesystem, then rename the batch; one more {@code syncfs} at the end makes the renames
 *       durable. The same guarantee as per-file fsync (data on disk before any rename), far fewer
 *       flushes. Needs JNA on Linux.
 *   <li>{@link #FSYNC_PER_FILE}: {@code fsync} each temp before its rename, then each touched
 *       directory once at the end.
 *   <li>{@link #NONE}: no flush at all; for measurements only, never used by the service.
 * </ul>
 */
enum Durability {
    SYNCFS_BATCH,
    FSYNC_PER_FILE,
    NONE
}
