package org.filesync.mode.mirror.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.SyncMode;
import org.filesync.resolver.internal.ResolverComponent;

/**
 * Benchmark of resolution alone: the resolver component and the mirror mode over {@link
 * SyntheticIndex} rows (about 4 % differing), full, incremental from a checkpoint, and incremental with no change. Prints one line per run with
 * the wall time and the peak heap used during the run (the sum of the heap pools' peaks, reset
 * before each run after a GC). Usage: {@code ResolveBench ENTRIES_PER_SIDE [RUNS]}; run it with
 * {@code -Xmx256m} to prove the bound (see {@code bench/resolve-bench.sh}).
 */
public final class ResolveBench {

    private ResolveBench() {}

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SyntheticIndex index = new SyntheticIndex(entries);
        ResolverComponent resolver = new ResolverComponent(index);
        resolver.addMode(new MirrorMode(), Map.of(SyncMode.PROPERTY, MirrorMode.NAME, "service.id", 1L));
        Endpoint source = new Endpoint(SyntheticIndex.SOURCE, "");
        Endpoint target = new Endpoint(SyntheticIndex.TARGET, "");
        ResolveRequest full = ResolveRequest.full("bench", source, target, MirrorMode.NAME);
        ResolveRequest incremental =
                ResolveRequest.since("bench", source, target, MirrorMode.NAME, new Checkpoint(1, 1));
        long now = index.location(SyntheticIndex.SOURCE).orElseThrow().sequence();
        ResolveRequest unchanged =
                ResolveRequest.since("bench", source, target, MirrorMode.NAME, new Checkpoint(now, now));

        System.out.printf(
                Locale.ROOT,
                "resolve-bench: %d entries per side, max heap %d MB, GC %s, %d CPUs%n",
                index.entriesPerSide(),
                Runtime.getRuntime().maxMemory() >> 20,
                gcNames(),
                Runtime.getRuntime().availableProcessors());
        Plan reference = null;
        for (int run = 1; run <= runs; run++) {
            reference = measure("full", run, resolver, full);
        }
        for (int run = 1; run <= runs; run++) {
            Plan plan = measure("incremental", run, resolver, incremental);
            if (!plan.copies().equals(reference.copies()) || !plan.deletes().equals(reference.deletes())) {
                throw new IllegalStateException("incremental and full plans differ");
            }
        }
        for (int run = 1; run <= runs; run++) {
            if (!measure("no-change", run, resolver, unchanged).isEmpty()) {
                throw new IllegalStateException("nothing changed since the checkpoint, yet the plan is not empty");
            }
        }
    }

    private static Plan measure(String kind, int run, ResolverComponent resolver, ResolveRequest request) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        Plan plan = resolver.resolve(request);
        long nanos = System.nanoTime() - start;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long retained = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum() - before;
        System.out.printf(
                Locale.ROOT,
                "%-11s run %d: %7.3f s  peak heap %6.1f MB (%.1f MB before, plan retains %.1f MB)"
                        + "  copy phase %d (%d files, %d MB)  deletes %d  target removes %.2f %%%n",
                kind,
                run,
                nanos / 1e9,
                peak / 1048576.0,
                before / 1048576.0,
                retained / 1048576.0,
                plan.copies().size(),
                plan.copiedFiles(),
                plan.bytes() >> 20,
                plan.deletes().size(),
                plan.target().removedFilePercent());
        return plan;
    }

    private static String gcNames() {
        return String.join(
                "+",
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(b -> b.getName())
                        .toList());
    }
}
