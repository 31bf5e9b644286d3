package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import org.filesync.api.path.EntryKind;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.TransferReasons;

/**
 * One item's state through a copy job, filled in step by step: where it goes and what its source is
 * (once inspected), where it is built when it lands with a new directory ({@link WholeDirectories}),
 * its temp file (once staged), and its outcome (once done or failed; an item with an outcome takes
 * no further step).
 */
final class CopyWork {
    final CopyItem item;
    Path target;
    PosixFileAttributes source;
    EntryKind kind;
    /** Its place in the staging directory of the new directory it lands with (the top's: that directory); null when it lands on its own. */
    Path staged;

    Path temp;
    long bytes;
    ItemOutcome outcome;

    CopyWork(CopyItem item) {
        this.item = item;
    }

    /**
     * The job's first step: checks that the target is inside the endpoint, and reads the source's
     * attributes (one {@code lstat}) and kind.
     */
    void inspect(SafeDirs dirs) throws ItemFailure, IOException {
        target = dirs.inside(item.target(), false);
        try {
            source = Files.readAttributes(item.source(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ItemFailure.ofSource(e);
        }
        kind = StateCheck.kind(source);
        if (source.isOther()) {
            throw new ItemFailure(TransferReasons.IO_ERROR, item.source() + " is not a file, directory or link");
        }
    }

    /** Whether the item renames an entry of the endpoint instead of copying. */
    boolean moves() {
        return item.moveFrom().isPresent();
    }

    /** Whether the item is built in a staging directory and lands with the new directory above it (or is that directory). */
    boolean landsWhole() {
        return staged != null;
    }

    /** Whether the item still waits for its outcome. */
    boolean pending() {
        return outcome == null;
    }

    /** Done without writing a byte: moved, or written by the copy of a directory above it. */
    void doneWithoutCopy() {
        outcome = ItemOutcome.done(item.target(), 0);
    }

    void fail(String reason, String message) {
        outcome = ItemOutcome.failed(item.target(), reason, message);
    }
}
