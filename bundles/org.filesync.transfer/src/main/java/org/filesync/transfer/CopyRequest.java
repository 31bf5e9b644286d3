package org.filesync.transfer;

import java.util.List;
import java.util.Objects;

/**
 * A batch of entries to copy into one endpoint.
 *
 * @param written told of each file placed whose hash the copy computed while writing
 */
public record CopyRequest(List<CopyItem> items, TransferOptions options, WrittenFiles written) {

    public CopyRequest {
        items = List.copyOf(items);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(written, "written");
    }

    /** A request that tells no one what it wrote. */
    public CopyRequest(List<CopyItem> items, TransferOptions options) {
        this(items, options, WrittenFiles.NONE);
    }

    /** This request, telling {@code listener} of each file it places with a hash computed while writing. */
    public CopyRequest reportingTo(WrittenFiles listener) {
        return new CopyRequest(items, options, listener);
    }
}
