package org.filesync.resolver;

import org.filesync.resolver.internal.Checks;

/**
 * Counts of one end, for the safety limits: the share of its files a plan would remove.
 *
 * <p>{@link #entries()} and {@link #files()} are exact after a full resolution. An incremental
 * resolution reads only what changed, so it counts a side only when the plan removes something
 * from it; otherwise both are {@link #UNKNOWN} (no limit can be exceeded without removals).
 *
 * @param entries live entries of the end (files, directories, symlinks, special files), or
 *     {@link #UNKNOWN}
 * @param files those that are not directories, or {@link #UNKNOWN}
 * @param removedEntries entries the plan removes from this end: deletes, displaced entries and
 *     everything under displaced directories
 * @param removedFiles those that are not directories
 */
public record SideStats(long entries, long files, long removedEntries, long removedFiles) {

    /** The value of a count that was not taken. */
    public static final long UNKNOWN = -1;

    public SideStats {
        if (entries < UNKNOWN || files < UNKNOWN || (entries == UNKNOWN) != (files == UNKNOWN)) {
            throw new IllegalArgumentException("bad counts: " + entries + " entries, " + files + " files");
        }
        Checks.notNegative(removedEntries, "removedEntries");
        Checks.notNegative(removedFiles, "removedFiles");
        boolean counted = entries != UNKNOWN; // fields are not assigned yet: use the parameters
        if (removedFiles > removedEntries || (counted && (files > entries || removedEntries > entries))) {
            throw new IllegalArgumentException("inconsistent counts");
        }
        if (!counted && removedEntries > 0) {
            throw new IllegalArgumentException("a side with removals must be counted");
        }
    }

    /** Counts of a side that was not counted and loses nothing. */
    public static SideStats notCounted() {
        return new SideStats(UNKNOWN, UNKNOWN, 0, 0);
    }

    /** Whether {@link #entries()} and {@link #files()} were counted. */
    public boolean counted() {
        return entries != UNKNOWN;
    }

    /**
     * The percentage of this end's files the plan removes: 0 without removals, 100 when files are
     * removed from an end that has no files left to count (emptying a side counts as 100 %).
     */
    public double removedFilePercent() {
        if (removedFiles == 0) {
            return 0;
        }
        return files <= 0 ? 100 : Math.min(100, 100.0 * removedFiles / files);
    }
}
