package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.DeleteItem;
import org.filesync.transfer.DeleteOptions;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.Layout;

/**
 * The Java side of {@code bench/delete-bench.sh}: generates a tree, or deletes one with the real
 * delete job classes, every entry planned with the facts a mirror plan carries (kind, size, mtime
 * and, for files, the SHA-256, so that the job re-checks each file's content as in a real run).
 * Prints one line per run: the job's wall seconds, the process's CPU seconds during the job, the
 * entries planned and the entries that failed.
 *
 * <pre>
 * generate ROOT FILES DIRS
 * delete ENDPOINT trash|permanent PARALLEL
 * delete ENDPOINT trash|permanent sequential
 * </pre>
 *
 * <p>{@code sequential} builds the options without a parallelism (the 3-argument constructor), so
 * that the same bench class also runs against the delete job before it was parallel (its classes
 * first on the class path).
 */
public final class DeleteBench {

    private DeleteBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "delete" -> delete(Path.of(args[1]), args[2], args[3]);
            default -> throw new IllegalArgumentException("generate or delete, not " + args[0]);
        }
    }

    /** FILES files of 1-16 KiB spread evenly over DIRS folders, 25 to a parent folder. */
    static void generate(Path root, int files, int dirs) throws IOException {
        Random rnd = new Random(42);
        for (int i = 0; i < files; i++) {
            int d = i % dirs;
            Path dir = root.resolve(String.format("p%03d/d%04d", d / 25, d));
            Files.createDirectories(dir);
            byte[] content = new byte[1024 + rnd.nextInt(15 * 1024 + 1)];
            rnd.nextBytes(content);
            Files.write(dir.resolve(String.format("f%06d.dat", i)), content);
        }
    }

    static void delete(Path endpoint, String strategyName, String parallel) throws Exception {
        List<DeleteItem> items = new ArrayList<>();
        try (Stream<Path> all = Files.walk(endpoint)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!p.equals(endpoint) && !Layout.isInternal(endpoint, p)) {
                    items.add(new DeleteItem(p, facts(p)));
                }
            }
        }
        DeleteOptions options = new DeleteOptions(endpoint, strategyName, "1");
        if (!parallel.equals("sequential")) {
            options = options.withParallel(Integer.parseInt(parallel));
        }
        DeleteStrategy strategy = strategyName.equals(DeleteStrategy.TRASH)
                ? new TrashDeleteStrategy(java.time.Duration.ofDays(30), java.time.Clock.systemUTC())
                : new PermanentDeleteStrategy();
        DeleteJob job = new DeleteJob(new DeleteRequest(items, options), strategy);
        long[] cpu0 = CopyBench.cpuTicks();
        long t0 = System.nanoTime();
        JobResult r = job.run(new DirectContext());
        long t1 = System.nanoTime();
        long[] cpu1 = CopyBench.cpuTicks();
        double hz = 100.0; // USER_HZ on Linux
        System.out.printf(
                "%.3f %.2f %d %d%n",
                (t1 - t0) / 1e9,
                ((cpu1[0] + cpu1[1]) - (cpu0[0] + cpu0[1])) / hz,
                items.size(),
                r.errors().size());
    }

    private static EntryFacts facts(Path p) throws IOException, ItemFailure {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        EntryKind kind = StateCheck.kind(a);
        Optional<String> hash = kind == EntryKind.FILE
                ? Optional.of(StateCheck.hash(p, EntryFacts.HASH_ALGORITHM).hex())
                : Optional.empty();
        return new EntryFacts(
                kind, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), -1, Optional.empty(), hash);
    }
}
