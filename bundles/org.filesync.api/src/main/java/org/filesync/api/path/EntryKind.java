package org.filesync.api.path;

import java.util.Locale;

/** What an entry at a path is. Symlinks are never followed. */
public enum EntryKind {
    /** A regular file; the only kind with a content hash. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link, dangling or not; its target is recorded as text. */
    SYMLINK,
    /** Anything else (FIFO, socket, device): recorded so that it is seen, never hashed. */
    OTHER;

    /** The kind as users read it: {@code file}, {@code directory}, {@code symlink} or {@code other}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
