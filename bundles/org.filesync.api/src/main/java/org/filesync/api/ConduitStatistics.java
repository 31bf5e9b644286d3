package org.filesync.api;

/**
 * Totals over all completed runs of a conduit.
 *
 * @param totalSyncs the number of completed generations
 * @param filesSynced files written or removed over all runs
 * @param bytesSynced bytes written over all runs
 */
public record ConduitStatistics(long totalSyncs, long filesSynced, long bytesSynced) {

    public static final ConduitStatistics NONE = new ConduitStatistics(0, 0, 0);

    public ConduitStatistics {
        if (totalSyncs < 0 || filesSynced < 0 || bytesSynced < 0) {
            throw new IllegalArgumentException("statistics cannot be negative");
        }
    }

    /** These totals plus one run that synced {@code files} files and {@code bytes} bytes. */
    public ConduitStatistics plusRun(long files, long bytes) {
        return new ConduitStatistics(totalSyncs + 1, filesSynced + files, bytesSynced + bytes);
    }
}
