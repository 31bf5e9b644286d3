package org.filesync.index;

/**
 * How many live entries a subtree of a location holds.
 *
 * @param entries live entries (tombstones not counted)
 * @param files those that are not directories
 */
public record EntryCount(long entries, long files) {

    public EntryCount {
        if (entries < 0 || files < 0 || files > entries) {
            throw new IllegalArgumentException("bad counts: " + entries + " entries, " + files + " files");
        }
    }
}
