package org.filesync.index.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.filesync.api.path.EntryFacts;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexStatus;
import org.filesync.testsupport.DerbyDataSource;

/**
 * Benchmark entry point for {@code bench/index-bench.sh}; runs the index engine outside any
 * container on an embedded Derby database. Prints {@code key=value} lines.
 *
 * <pre>
 * generate TREE FILES TOTAL_MB   a tree of FILES files (1–16 KiB plus 20 large ones) in 1 111 directories
 * hashes MB                      in-memory throughput of candidate hash algorithms, one thread
 * index TREE DB CHANGES          first scan, no-change rescan, then CHANGES modified files and the
 *                                "changes since N" query, then a first scan again (registered anew)
 * written TREE WORK               TREE copied twice into new locations under WORK as the copy job
 *                                writes (temp file hashed while written, then renamed), once without
 *                                and once with each file's witness announced; the files the index
 *                                read and the time until it settled and the touched paths were rescanned
 * moves WORK FILES [MB]         a directory of FILES files (MB in all; default 9 KiB a file) indexed,
 *                                then renamed inside the location,
 *                                then one file renamed, then a new directory of FILES files moved in
 *                                from outside: for each, the time until the index settled and the
 *                                files it read
 * </pre>
 */
public final class IndexBench {

    private IndexBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            case "hashes" -> hashes(Integer.parseInt(args[1]));
            case "index" -> index(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "written" -> written(Path.of(args[1]), Path.of(args[2]));
            case "moves" -> moves(
                    Path.of(args[1]),
                    Integer.parseInt(args[2]),
                    args.length > 3 ? Long.parseLong(args[3]) : Integer.parseInt(args[2]) * 9L / 1024);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void generate(Path tree, int files, long totalMb) throws IOException {
        Random random = new Random(42);
        int large = Math.max(1, files / 5000);
        long totalBytes = totalMb << 20;
        long smallBytes = (long) (files - large) * (long) (8.5 * 1024);
        long largeSize = Math.max(16 * 1024, (totalBytes - smallBytes) / large);
        byte[] buffer = new byte[1 << 20];
        random.nextBytes(buffer);
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 100; j++) {
                dirs.add(tree.resolve("d" + i).resolve("e" + j));
            }
        }
        for (Path d : dirs) {
            Files.createDirectories(d);
        }
        long written = 0;
        for (int f = 0; f < files; f++) {
            Path dir = dirs.get(f % dirs.size());
            long size = f < large ? largeSize : 1024 + random.nextInt(15 * 1024 + 1);
            try (OutputStream out = Files.newOutputStream(dir.resolve("f" + f + ".dat"))) {
                long left = size;
                int offset = random.nextInt(buffer.length / 2);
                while (left > 0) {
                    int n = (int) Math.min(left, buffer.length - offset);
                    out.write(buffer, offset, n);
                    left -= n;
                    offset = 0;
                }
            }
            written += size;
        }
        System.out.println("generated_files=" + files);
        System.out.println("generated_dirs=" + (dirs.size() + 11));
        System.out.println("generated_mb=" + (written >> 20));
    }

    static void hashes(int mb) throws Exception {
        byte[] data = new byte[256 * 1024];
        new Random(1).nextBytes(data);
        int rounds = mb * 4;
        for (String alg : List.of("SHA-256", "SHA-512/256", "SHA-1", "MD5", "SHA3-256")) {
            MessageDigest md = MessageDigest.getInstance(alg);
            for (int i = 0; i < rounds / 4; i++) {
                md.update(data); // warm-up
            }
            md.digest();
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                md.update(data);
            }
            md.digest();
            report("jdk " + alg, mb, System.nanoTime() - t0);
        }
        for (Digest d : List.of(new Blake3Digest(256), new SHA256Digest())) {
            byte[] out = new byte[32];
            for (int i = 0; i < rounds / 4; i++) {
                d.update(data, 0, data.length);
            }
            d.doFinal(out, 0);
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                d.update(data, 0, data.length);
            }
            d.doFinal(out, 0);
            report("bouncycastle " + d.getAlgorithmName(), mb, System.nanoTime() - t0);
        }
    }

    private static void report(String name, int mb, long nanos) {
        System.out.printf("hash %-24s %8.0f MB/s%n", name, mb / (nanos / 1e9));
    }

    static void index(Path tree, Path db, int changes) throws Exception {
        IndexSettings settings = new IndexSettings(
                Duration.ofMillis(100),
                Duration.ZERO,
                Runtime.getRuntime().availableProcessors(),
                IndexSettings.defaults().batchSize());
        IndexEngine engine =
                new IndexEngine(new DerbyDataSource(db), settings, new DigestHasher(EntryFacts.HASH_ALGORITHM));
        engine.start();
        try {
            resetPeaks();
            double c0 = cpuSeconds();
            long t0 = System.nanoTime();
            engine.register(tree);
            IndexStatus st = engine.awaitSettled(tree, Duration.ofHours(2));
            long first = System.nanoTime() - t0;
            double firstCpu = cpuSeconds() - c0;
            if (!st.settled()) {
                throw new IllegalStateException(st.describe());
            }
            long entries = engine.location(tree).orElseThrow().entryCount();
            long files;
            long bytes;
            try (Stream<IndexEntry> s = engine.entries(tree, "")) {
                long[] acc = new long[2];
                s.filter(e -> e.kind() == org.filesync.api.path.EntryKind.FILE).forEach(e -> {
                    acc[0]++;
                    acc[1] += e.size();
                });
                files = acc[0];
                bytes = acc[1];
            }
            System.out.println("entries=" + entries);
            System.out.println("files=" + files);
            System.out.println("hashed_mb=" + (bytes >> 20));
            System.out.printf("first_scan_s=%.3f%n", first / 1e9);
            System.out.printf("first_scan_cpu_s=%.3f%n", firstCpu);
            System.out.printf("first_scan_files_per_s=%.0f%n", files / (first / 1e9));
            System.out.printf("first_scan_mb_per_s=%.1f%n", (bytes / 1048576.0) / (first / 1e9));
            System.out.println("first_scan_peak_heap_mb=" + (peakHeap() >> 20));

            // the first rescan in a fresh JVM pays for compiling its code paths; a running
            // container has them compiled: report the first and the best of three more
            resetPeaks();
            long rescan = Long.MAX_VALUE;
            double rescanCpu = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                double c1 = cpuSeconds();
                long t1 = System.nanoTime();
                engine.rescan(tree);
                long wall = System.nanoTime() - t1;
                double cpu = cpuSeconds() - c1;
                if (i == 0) {
                    System.out.printf("rescan_cold_s=%.3f%n", wall / 1e9);
                    System.out.printf("rescan_cold_cpu_s=%.3f%n", cpu);
                } else if (wall < rescan) {
                    rescan = wall;
                    rescanCpu = cpu;
                }
            }
            System.out.printf("rescan_s=%.3f%n", rescan / 1e9);
            System.out.printf("rescan_cpu_s=%.3f%n", rescanCpu);
            System.out.printf("rescan_files_per_s=%.0f%n", entries / (rescan / 1e9));
            System.out.println("rescan_peak_heap_mb=" + (peakHeap() >> 20));

            long seq = engine.location(tree).orElseThrow().sequence();
            List<Path> modified = new ArrayList<>();
            try (Stream<IndexEntry> s = engine.entries(tree, "")) {
                s.filter(e -> e.kind() == org.filesync.api.path.EntryKind.FILE)
                        .filter(e -> e.path().hashCode() % 7 == 0)
                        .limit(changes)
                        .forEach(e -> modified.add(tree.resolve(e.path())));
            }
            for (Path p : modified) {
                Files.write(p, new byte[] {1}, StandardOpenOption.APPEND);
            }
            st = engine.awaitSettled(tree, Duration.ofMinutes(10));
            engine.rescan(tree);
            List<Long> times = new ArrayList<>();
            long found = 0;
            for (int i = 0; i < 7; i++) {
                long t2 = System.nanoTime();
                try (Stream<IndexEntry> s = engine.changesSince(tree, "", seq)) {
                    found = s.count();
                }
                times.add(System.nanoTime() - t2);
            }
            System.out.println("changes_found=" + found + " (files modified: " + modified.size() + ")");
            System.out.printf("changes_query_first_ms=%.1f%n", times.get(0) / 1e6);
            List<Long> sorted = new ArrayList<>(times);
            sorted.sort(null);
            System.out.printf("changes_query_median_ms=%.1f%n", sorted.get(sorted.size() / 2) / 1e6);

            // a first scan in a running index (as when a second conduit is created in a container
            // that has been up for a while): the same tree registered anew, its code paths compiled
            engine.unregister(tree);
            resetPeaks();
            double c3 = cpuSeconds();
            long t3 = System.nanoTime();
            engine.register(tree);
            st = engine.awaitSettled(tree, Duration.ofHours(2));
            long warm = System.nanoTime() - t3;
            if (!st.settled()) {
                throw new IllegalStateException(st.describe());
            }
            System.out.printf("first_scan_warm_s=%.3f%n", warm / 1e9);
            System.out.printf("first_scan_warm_cpu_s=%.3f%n", cpuSeconds() - c3);
        } finally {
            engine.stop();
        }
    }

    static void written(Path tree, Path work) throws Exception {
        List<Path> dirs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(tree)) {
            all.filter(p -> !p.equals(tree)).forEach(p -> (Files.isDirectory(p) ? dirs : files).add(p));
        }
        TestIndex.CountingHasher hasher = new TestIndex.CountingHasher();
        IndexSettings settings = new IndexSettings(
                Duration.ofMillis(100),
                Duration.ZERO,
                Runtime.getRuntime().availableProcessors(),
                IndexSettings.defaults().batchSize());
        IndexEngine engine = new IndexEngine(new DerbyDataSource(work.resolve("db")), settings, hasher);
        engine.start();
        try {
            for (boolean announce : List.of(false, true, false, true)) {
                Path target = Files.createDirectories(work.resolve("target-" + System.nanoTime()));
                Path tmp = Files.createDirectories(target.resolve(".filesync/tmp"));
                engine.register(target);
                engine.awaitSettled(target, Duration.ofMinutes(1));
                int before = hasher.calls.get();
                double cpu0 = cpuSeconds();
                long t0 = System.nanoTime();
                for (Path d : dirs) {
                    Files.createDirectories(target.resolve(tree.relativize(d).toString()));
                }
                MessageDigest digest = MessageDigest.getInstance(EntryFacts.HASH_ALGORITHM);
                List<String> touched = new ArrayList<>();
                int n = 0;
                for (Path f : files) {
                    byte[] data = Files.readAllBytes(f);
                    String hash = java.util.HexFormat.of().formatHex(digest.digest(data));
                    Path temp = Files.write(tmp.resolve("t" + n++), data);
                    String rel = tree.relativize(f).toString();
                    Path placed = Files.move(temp, target.resolve(rel), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    if (announce) {
                        engine.expectWritten(
                                placed,
                                org.filesync.api.path.Witness.read(placed).orElseThrow(),
                                hash);
                    }
                    touched.add(rel);
                }
                long copied = System.nanoTime();
                engine.flushEvents(target);
                IndexStatus st = engine.awaitSettled(target, Duration.ofMinutes(30));
                engine.rescan(target, touched);
                long verified = System.nanoTime();
                if (!st.settled()) {
                    throw new IllegalStateException(st.describe());
                }
                System.out.printf(
                        "announced=%s files=%d copy_s=%.3f index_until_verified_s=%.3f cpu_s=%.2f"
                                + " files_read_by_index=%d%n",
                        announce,
                        files.size(),
                        (copied - t0) / 1e9,
                        (verified - copied) / 1e9,
                        cpuSeconds() - cpu0,
                        hasher.calls.get() - before);
                engine.unregister(target);
            }
        } finally {
            engine.stop();
        }
    }

    static void moves(Path work, int files, long totalMb) throws Exception {
        Path loc = Files.createDirectories(work.resolve("loc"));
        generate(loc.resolve("a"), files, totalMb);
        Path fresh = work.resolve("fresh");
        generate(fresh, files, files * 9L / 1024);
        TestIndex.CountingHasher hasher = new TestIndex.CountingHasher();
        IndexSettings settings = new IndexSettings(
                Duration.ofMillis(100),
                Duration.ZERO,
                Runtime.getRuntime().availableProcessors(),
                IndexSettings.defaults().batchSize());
        IndexEngine engine = new IndexEngine(new DerbyDataSource(work.resolve("db")), settings, hasher);
        engine.start();
        try {
            long t0 = System.nanoTime();
            engine.register(loc);
            settled(engine, loc);
            System.out.printf(
                    "first_scan_s=%.3f files_read_by_index=%d%n", (System.nanoTime() - t0) / 1e9, hasher.calls.get());
            timedMove(engine, hasher, loc, "renamed_directory", loc.resolve("a"), loc.resolve("b"));
            timedMove(
                    engine,
                    hasher,
                    loc,
                    "renamed_file",
                    loc.resolve("b/d0/e0/f0.dat"),
                    loc.resolve("b/d0/e0/renamed.dat"));
            timedMove(engine, hasher, loc, "new_directory_moved_in", fresh, loc.resolve("c"));
        } finally {
            engine.stop();
        }
    }

    /** Moves {@code from} to {@code to} and prints the time until the index settled and the files it read. */
    private static void timedMove(
            IndexEngine engine, TestIndex.CountingHasher hasher, Path loc, String what, Path from, Path to)
            throws Exception {
        int before = hasher.calls.get();
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        engine.flushEvents(loc);
        settled(engine, loc);
        System.out.printf(
                "%s index_until_settled_s=%.3f cpu_s=%.2f files_read_by_index=%d%n",
                what, (System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0, hasher.calls.get() - before);
    }

    private static void settled(IndexEngine engine, Path loc) throws InterruptedException {
        IndexStatus st = engine.awaitSettled(loc, Duration.ofMinutes(30));
        if (!st.settled()) {
            throw new IllegalStateException(st.describe());
        }
    }

    /** User + system CPU time of this process so far (Linux {@code /proc/self/stat}, 100 ticks/s). */
    private static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
