package org.filesync.transfer;

/**
 * What {@link TransferService#cleanEndpoint(java.nio.file.Path)} removed.
 *
 * @param tempFilesRemoved leftover temp files of interrupted copies
 * @param trashGenerationsPurged trash generations older than the retention
 */
public record CleanupReport(int tempFilesRemoved, int trashGenerationsPurged) {}
