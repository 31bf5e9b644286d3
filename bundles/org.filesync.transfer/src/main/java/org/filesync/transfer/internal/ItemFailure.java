package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.filesync.transfer.TransferReasons;

/** Why one item could not be carried out; becomes an item outcome, never escapes a job. */
final class ItemFailure extends Exception {
    private static final long serialVersionUID = 1L;

    final String reason;

    ItemFailure(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** Maps an I/O error to a reason code. */
    static ItemFailure of(IOException e) {
        return new ItemFailure(classify(e), describe(e));
    }

    /** Maps an I/O error met while reading the source: a missing source has vanished. */
    static ItemFailure ofSource(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ItemFailure(TransferReasons.SOURCE_VANISHED, "the source disappeared: " + describe(e));
        }
        return of(e);
    }

    static String classify(IOException e) {
        if (e instanceof java.io.InterruptedIOException) {
            return TransferReasons.CANCELLED;
        }
        if (e instanceof AccessDeniedException) {
            return TransferReasons.PERMISSION_DENIED;
        }
        String text = (e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : "") + " "
                + (e.getMessage() == null ? "" : e.getMessage());
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("no space left") || t.contains("disk quota exceeded")) {
            return TransferReasons.DISK_FULL;
        }
        if (t.contains("file name too long")) {
            return TransferReasons.NAME_TOO_LONG;
        }
        if (t.contains("permission denied") || t.contains("operation not permitted")) {
            return TransferReasons.PERMISSION_DENIED;
        }
        return TransferReasons.IO_ERROR;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
