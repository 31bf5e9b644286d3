package org.filesync.conflict.internal;

import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictType;

/** Conflicts for the strategy tests. */
final class Conflicts {

    static final String PATH = "docs/report.txt";

    private Conflicts() {}

    static EntryFacts file(long mtimeMillis, String hash) {
        return new EntryFacts(EntryKind.FILE, 3, mtimeMillis * 1_000_000L, 0644, Optional.empty(), Optional.of(hash));
    }

    static EntryFacts directory(long mtimeMillis) {
        return new EntryFacts(
                EntryKind.DIRECTORY, 0, mtimeMillis * 1_000_000L, 0755, Optional.empty(), Optional.empty());
    }

    static EntryFacts symlink(long mtimeMillis, String target) {
        return new EntryFacts(
                EntryKind.SYMLINK,
                target.length(),
                mtimeMillis * 1_000_000L,
                0777,
                Optional.of(target),
                Optional.empty());
    }

    static Conflict bothModified(long sourceMtime, long targetMtime) {
        return new Conflict(
                PATH,
                ConflictType.BOTH_MODIFIED,
                Optional.of(file(sourceMtime, "aa")),
                Optional.of(file(targetMtime, "bb")),
                Optional.of(file(1000, "00")));
    }

    static Conflict deletedInSource(long targetMtime) {
        return new Conflict(
                PATH,
                ConflictType.DELETED_VS_MODIFIED,
                Optional.empty(),
                Optional.of(file(targetMtime, "bb")),
                Optional.of(file(1000, "00")));
    }

    static Conflict deletedInTarget(long sourceMtime) {
        return new Conflict(
                PATH,
                ConflictType.DELETED_VS_MODIFIED,
                Optional.of(file(sourceMtime, "aa")),
                Optional.empty(),
                Optional.of(file(1000, "00")));
    }

    static Conflict typeMismatch(EntryFacts source, EntryFacts target) {
        return new Conflict(
                PATH, ConflictType.TYPE_MISMATCH, Optional.of(source), Optional.of(target), Optional.empty());
    }
}
