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
 * (once inspected), its temp file (once staged), and its outcome (once done or failed; an item with
 * an outcome takes no further step).
 */
final class CopyWork {
    final CopyItem item;
    Path target;
    PosixFileAttributes source;
    EntryKind kind;
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
