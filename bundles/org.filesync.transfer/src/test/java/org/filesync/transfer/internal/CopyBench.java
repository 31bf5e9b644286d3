package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.ContentHash;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.TransferOptions;

/**
 * The Java side of {@code bench/copy-bench.sh}: generates a tree, or copies one with the real copy
 * job classes. Prints one line per run.
 *
 * <pre>
 * generate ROOT FILES TOTAL_MB [DIRS]
 * copy SRC DST PARALLEL syncfs|fsync|none transfer|buffer|hash
 * warm SRC DST_PREFIX PARALLEL syncfs|fsync|none transfer|buffer|hash ROUNDS
 * </pre>
 *
 * <p>{@code hash}: the default copier, with every file's item carrying the SHA-256 of its source,
 * as the service's plans do (the copy then hashes while copying and compares). The hashes are
 * computed before the job starts (in {@code warm}, once before the first round).
 *
 * <p>{@code warm} copies the tree ROUNDS times in one JVM (into DST_PREFIX-1, -2, ...) and prints
 * each round's wall time and the process's user and system CPU time, read from {@code
 * /proc/self/stat}: once the JIT has settled, the per-file cost a long-running service pays.
 */
public final class CopyBench {

    private CopyBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(
                    Path.of(args[1]),
                    Integer.parseInt(args[2]),
                    Long.parseLong(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 0);
            case "copy" -> copy(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), args[4], args[5]);
            case "warm" -> {
                if (args[5].equals("hash")) {
                    hashes(Path.of(args[1]));
                }
                for (int round = 1; round <= Integer.parseInt(args[6]); round++) {
                    long[] before = cpuTicks();
                    long start = System.nanoTime();
                    copy(Path.of(args[1]), Path.of(args[2] + "-" + round), Integer.parseInt(args[3]), args[4], args[5]);
                    long[] after = cpuTicks();
                    System.out.printf(
                            "round %d: wall %.3f s, user %.2f s, sys %.2f s%n",
                            round,
                            (System.nanoTime() - start) / 1e9,
                            (after[0] - before[0]) / 100.0,
                            (after[1] - before[1]) / 100.0);
                }
            }
            default -> throw new IllegalArgumentException("generate, copy or warm");
        }
    }

    /**
     * Files of 1–16 KiB, plus 20 large files in {@code large/} making up the rest: with {@code dirs}
     * 0, 100 per directory three levels deep; otherwise spread evenly over {@code dirs} directories,
     * one in 50 of them a top-level folder holding the others ({@code t<k>/d<j>}).
     */
    static void generate(Path root, int files, long totalMb, int dirs) throws IOException {
        Random rnd = new Random(42);
        byte[] buf = new byte[16 << 10];
        long small = 0;
        int smallFiles = Math.max(0, files - 20);
        int tops = Math.max(1, dirs / 50);
        int leaves = Math.max(1, dirs - tops);
        for (int i = 0; i < smallFiles; i++) {
            Path d;
            if (dirs > 0) {
                int leaf = i % leaves;
                d = root.resolve("t" + leaf % tops).resolve("d" + leaf);
            } else {
                int leaf = i / 100;
                d = root.resolve("d" + leaf / 100)
                        .resolve("d" + (leaf / 10) % 10)
                        .resolve("d" + leaf % 10);
            }
            if (dirs > 0 ? i < leaves : i % 100 == 0) {
                Files.createDirectories(d);
            }
            int size = 1024 + rnd.nextInt(15 * 1024 + 1);
            rnd.nextBytes(buf);
            Files.write(d.resolve("f" + i + ".dat"), java.util.Arrays.copyOf(buf, size));
            small += size;
        }
        long rest = Math.max(0, (totalMb << 20) - small);
        long large = Math.max(1 << 20, rest / 20);
        Path big = Files.createDirectories(root.resolve("large"));
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < Math.min(20, files); i++) {
            try (var out = Files.newOutputStream(big.resolve("large" + i + ".bin"))) {
                for (long w = 0; w < large; w += block.length) {
                    rnd.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, large - w));
                }
            }
        }
        System.out.printf("generated %d files, %.1f MB in %s%n", files, (small + 20 * large) / 1048576.0, root);
    }

    static void copy(Path src, Path dst, int parallel, String durability, String copier) throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(dst);
        List<CopyItem> items = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(src)) {
            walk.forEach(p -> {
                if (!p.equals(src)) {
                    Path target = dst.resolve(src.relativize(p).toString());
                    String hex = copier.equals("hash") ? hashes(src).get(p) : null;
                    items.add(
                            hex == null
                                    ? CopyItem.toNew(p, target)
                                    : new CopyItem(
                                            p,
                                            target,
                                            java.util.Optional.empty(),
                                            java.util.Optional.of(ContentHash.sha256(hex))));
                }
            });
        }
        Durability d =
                switch (durability) {
                    case "syncfs" -> Durability.SYNCFS_BATCH;
                    case "fsync" -> Durability.FSYNC_PER_FILE;
                    default -> Durability.NONE;
                };
        Copier c = copier.equals("buffer") ? CopyBench::bufferCopy : Copier.DEFAULT;
        CopyJob job = TransferTestSupport.copyJob(
                items, TransferOptions.of(dst, "bench").withParallel(parallel), d, c);
        JobResult r = job.run(new DirectContext());
        double s = (System.nanoTime() - start) / 1e9;
        if (r.hasErrors()) {
            throw new IllegalStateException(
                    r.errors().size() + " errors, first: " + r.errors().get(0));
        }
        System.out.printf("copied %d items, %d bytes in %.3f s%n", r.itemsSucceeded(), r.bytes(), s);
    }

    private static java.util.Map<Path, String> hashes;

    /** SHA-256 (hex) of every regular file under {@code src}, computed once. */
    static synchronized java.util.Map<Path, String> hashes(Path src) {
        if (hashes == null) {
            java.util.Map<Path, String> m = new java.util.HashMap<>();
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        m.put(p, StateCheck.hash(p, "SHA-256").hex());
                    }
                }
            } catch (IOException | ItemFailure e) {
                throw new IllegalStateException(e);
            }
            hashes = m;
        }
        return hashes;
    }

    private static final ThreadLocal<ByteBuffer> BUF =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256 << 10));

    /** A plain read/write loop through a direct buffer: the alternative to transferTo. */
    static long bufferCopy(FileChannel in, FileChannel out, long size, MessageDigest d, Throttle t, JobContext ctx)
            throws IOException {
        ByteBuffer b = BUF.get();
        long total = 0;
        b.clear();
        while (in.read(b) > 0) {
            b.flip();
            while (b.hasRemaining()) {
                total += out.write(b);
            }
            b.clear();
        }
        ctx.addBytes(total);
        return total;
    }

    /** User and system CPU time of this process in clock ticks (USER_HZ, 100 on Linux). */
    static long[] cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    static long count(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> {
                        try {
                            return Files.readAttributes(p, BasicFileAttributes.class)
                                    .isRegularFile();
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .count();
        }
    }
}
