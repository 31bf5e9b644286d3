package org.filesync.transfer;

/** The kind of a filesystem entry, as seen without following symbolic links. */
public enum EntryKind {
    FILE,
    DIRECTORY,
    SYMLINK
}
