package org.filesync.transfer;

import java.util.List;
import java.util.Objects;

/** A batch of entries to copy into one endpoint. */
public record CopyRequest(List<CopyItem> items, TransferOptions options) {

    public CopyRequest {
        items = List.copyOf(items);
        Objects.requireNonNull(options, "options");
    }
}
