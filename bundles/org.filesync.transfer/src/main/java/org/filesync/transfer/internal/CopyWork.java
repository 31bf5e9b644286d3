package org.filesync.transfer.internal;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.EntryKind;
import org.filesync.transfer.ItemOutcome;

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

    /** Whether the item still waits for its outcome. */
    boolean pending() {
        return outcome == null;
    }

    void fail(String reason, String message) {
        outcome = ItemOutcome.failed(item.target(), reason, message);
    }
}
