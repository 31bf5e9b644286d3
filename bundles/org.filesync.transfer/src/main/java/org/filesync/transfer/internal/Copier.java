package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import org.filesync.jobs.JobContext;

/**
 * Moves the bytes of one file: the filesystem seam of the copy job (tests inject failures here).
 * Returns the number of bytes written.
 */
interface Copier {

    long copy(FileChannel in, FileChannel out, long size, MessageDigest digest, Throttle throttle, JobContext ctx)
            throws IOException, InterruptedException;

    /**
     * The default: {@link FileChannel#transferTo} (in-kernel, {@code sendfile}/{@code
     * copy_file_range} on Linux) when no hash is needed, a direct-buffer loop that feeds the digest
     * otherwise. Chunked when a bandwidth limit applies.
     */
    Copier DEFAULT = new Copier() {
        private static final int CHUNK = 1 << 20;
        private static final long BIG_CHUNK = 64L << 20; // cancel is checked between chunks
        private final ThreadLocal<ByteBuffer> buffers =
                ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256 * 1024));

        @Override
        public long copy(
                FileChannel in, FileChannel out, long size, MessageDigest digest, Throttle throttle, JobContext ctx)
                throws IOException, InterruptedException {
            if (digest == null) {
                return transfer(in, out, size, throttle, ctx);
            }
            return buffered(in, out, digest, throttle, ctx);
        }

        private long transfer(FileChannel in, FileChannel out, long size, Throttle throttle, JobContext ctx)
                throws IOException, InterruptedException {
            long pos = 0;
            while (pos < size) {
                if (ctx.isCancelled()) {
                    throw new java.io.InterruptedIOException("the job was cancelled");
                }
                long want = Math.min(throttle.limited() ? CHUNK : BIG_CHUNK, size - pos);
                throttle.acquire(want);
                long n = in.transferTo(pos, want, out);
                if (n <= 0) {
                    if (pos >= in.size()) {
                        break; // the source shrank: caught by the size check
                    }
                    continue;
                }
                pos += n;
                ctx.addBytes(n);
            }
            return pos;
        }

        private long buffered(FileChannel in, FileChannel out, MessageDigest digest, Throttle throttle, JobContext ctx)
                throws IOException, InterruptedException {
            ByteBuffer buf = buffers.get();
            long total = 0;
            while (true) {
                if (ctx.isCancelled()) {
                    throw new java.io.InterruptedIOException("the job was cancelled");
                }
                buf.clear();
                int n = in.read(buf);
                if (n < 0) {
                    return total;
                }
                if (n == 0) {
                    continue;
                }
                throttle.acquire(n);
                buf.flip();
                digest.update(buf.duplicate());
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                total += n;
                ctx.addBytes(n);
            }
        }
    };
}
