package org.filesync.resolver;

import java.util.Objects;
import org.filesync.resolver.internal.Checks;

/**
 * A path the plan leaves alone, and why (e.g. a source file the index could not read, or a special
 * file). Nothing at such a path, nor under it, is overwritten or deleted; a plan with skipped
 * paths does not prove the ends agree ({@link Plan#inAgreement()}).
 *
 * @param path the path relative to the conduit ends
 * @param side the end whose entry caused the skip
 * @param reason a one-line reason for a user
 */
public record Skipped(String path, Side side, String reason) {

    public Skipped {
        Checks.relativePath(path);
        Objects.requireNonNull(side, "side");
        Checks.notBlank(reason, "reason");
    }
}
