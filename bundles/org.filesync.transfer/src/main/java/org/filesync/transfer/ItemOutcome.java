package org.filesync.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a transfer job did with one item.
 *
 * @param path the target of a copy, the path of a delete
 * @param done whether the item was carried out
 * @param reason a {@link TransferReasons} code when not done, empty otherwise
 * @param message details when not done, empty otherwise
 * @param bytes bytes written for the item
 */
public record ItemOutcome(Path path, boolean done, String reason, String message, long bytes) {

    public ItemOutcome {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static ItemOutcome done(Path path, long bytes) {
        return new ItemOutcome(path, true, "", "", bytes);
    }

    public static ItemOutcome failed(Path path, String reason, String message) {
        return new ItemOutcome(path, false, reason, message, 0);
    }
}
