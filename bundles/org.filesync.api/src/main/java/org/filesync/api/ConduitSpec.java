package org.filesync.api;

import java.util.Objects;

/**
 * What a caller asks for when creating a conduit. The endpoints are taken as given; the service
 * checks them (absolute, existing directories, distinct, not nested, not already paired).
 *
 * @param source the source directory, an absolute path
 * @param target the target directory, an absolute path
 * @param options the conduit's settings
 */
public record ConduitSpec(String source, String target, ConduitOptions options) {

    public ConduitSpec {
        Objects.requireNonNull(options, "options");
        if (source == null || source.isBlank()) {
            throw new InvalidEndpointException(String.valueOf(source), "Source path is missing");
        }
        if (target == null || target.isBlank()) {
            throw new InvalidEndpointException(String.valueOf(target), "Target path is missing");
        }
    }

    /** A spec with default options. */
    public static ConduitSpec of(String source, String target) {
        return new ConduitSpec(source, target, ConduitOptions.defaults());
    }
}
