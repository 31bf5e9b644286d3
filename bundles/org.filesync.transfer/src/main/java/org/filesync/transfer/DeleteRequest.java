package org.filesync.transfer;

import java.util.List;
import java.util.Objects;

/** A batch of entries to delete from one endpoint. */
public record DeleteRequest(List<DeleteItem> items, DeleteOptions options) {

    public DeleteRequest {
        items = List.copyOf(items);
        Objects.requireNonNull(options, "options");
    }
}
