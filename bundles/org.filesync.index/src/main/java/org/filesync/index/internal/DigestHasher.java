package org.filesync.index.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes with a JDK {@link MessageDigest} (SHA-256 by default, which the JDK runs on the CPU's SHA
 * extensions where present), reading through a per-thread heap buffer.
 */
final class DigestHasher implements ContentHasher {

    private static final int BUFFER = 256 * 1024;

    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));
    /** One digest per thread, reset by {@link MessageDigest#digest()}: a provider lookup per file cost more than hashing a small file. */
    private final ThreadLocal<MessageDigest> digests;

    DigestHasher(String algorithm) {
        try {
            MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no digest " + algorithm, e);
        }
        this.digests = ThreadLocal.withInitial(() -> newDigest(algorithm));
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String hash(Path file) throws IOException {
        MessageDigest digest = digests.get();
        digest.reset(); // a read that failed half-way left it dirty
        ByteBuffer buffer = buffers.get();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                buffer.clear();
                int n = ch.read(buffer);
                if (n < 0) {
                    break;
                }
                digest.update(buffer.array(), 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
