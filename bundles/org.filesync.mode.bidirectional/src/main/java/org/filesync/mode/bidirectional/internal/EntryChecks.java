package org.filesync.mode.bidirectional.internal;

import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;

/** How the bidirectional planner compares entries, and which entries it cannot sync. */
final class EntryChecks {

    /** Modification times are compared to the millisecond, as the jobs re-check them. */
    private static final long MTIME_GRANULARITY_NANOS = 1_000_000;

    private EntryChecks() {}

    /** The same state: kind, and size, hash, mtime, mode for files; link text for symlinks. */
    static boolean same(EntryFacts a, EntryFacts b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case FILE -> a.sameContent(b) && sameMetadata(a, b);
            case DIRECTORY -> true;
            case SYMLINK -> a.symlinkTarget().equals(b.symlinkTarget());
            default -> false;
        };
    }

    /** The same state, where null is no entry. */
    static boolean same(SideEntry e, EntryFacts b) {
        if (e == null || b == null) {
            return e == null && b == null;
        }
        return same(e.facts(), b);
    }

    /** The same mode (where both are known) and mtime (to the millisecond). */
    static boolean sameMetadata(EntryFacts a, EntryFacts b) {
        boolean sameMode = a.mode() < 0 || b.mode() < 0 || a.mode() == b.mode();
        return sameMode
                && Math.floorDiv(a.mtimeNanos(), MTIME_GRANULARITY_NANOS)
                        == Math.floorDiv(b.mtimeNanos(), MTIME_GRANULARITY_NANOS);
    }

    static boolean isDirectory(SideEntry e) {
        return e.entry().kind() == EntryKind.DIRECTORY;
    }

    /** The entry of one end, of the source's {@code s} and the target's {@code t}. */
    static SideEntry entry(Side side, SideEntry s, SideEntry t) {
        return side == Side.SOURCE ? s : t;
    }

    /** Why an entry cannot be synced ({@code %s} for the end's name), or null. */
    static String unusable(SideEntry e) {
        if (e.entry().error().isPresent()) {
            return "cannot be read in the %s: " + e.entry().error().get();
        }
        if (e.entry().kind() == EntryKind.OTHER) {
            return "special file in the %s (not a file, directory or symlink)";
        }
        if (e.entry().kind() == EntryKind.SYMLINK && e.entry().symlinkTarget().isEmpty()) {
            return "symlink in the %s whose target is unknown";
        }
        return null;
    }
}
