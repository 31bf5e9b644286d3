package org.filesync.transfer;

import java.util.Locale;
import java.util.Objects;

/**
 * A content hash.
 *
 * @param algorithm a {@link java.security.MessageDigest} algorithm name, e.g. {@code SHA-256}
 * @param hex the digest in lower-case hexadecimal
 */
public record ContentHash(String algorithm, String hex) {

    public ContentHash {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        if (algorithm.isBlank()) {
            throw new IllegalArgumentException("hash algorithm must not be blank");
        }
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("hash must be hexadecimal: " + hex);
        }
    }

    /** A SHA-256 hash. */
    public static ContentHash sha256(String hex) {
        return new ContentHash("SHA-256", hex);
    }
}
