package org.filesync.verification.internal;

import static org.filesync.api.PrintablePaths.printable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexException;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;
import org.filesync.resolver.Copy;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolver;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.Skipped;
import org.filesync.verification.Verification;
import org.filesync.verification.VerificationRequest;
import org.filesync.verification.Verifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Trust Watcher: rescan what a generation touched, wait for the index to settle, resolve
 * again. A generation that touched nothing costs no rescan at all.
 */
@Component(service = Verifier.class, name = "org.filesync.verification")
public final class TrustWatcherVerifier implements Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(TrustWatcherVerifier.class);

    /**
     * A location is rescanned whole (one stat walk against its stored rows, streamed) when more of
     * its paths were touched than its entry count divided by this; below that, only the touched
     * paths are (their stored rows read in a few queries, one stat each), which is what makes the
     * verification of a small change cost little in a large tree.
     */
    static final int WHOLE_LOCATION_DIVISOR = 2;

    private static final int EXAMPLES = 3;

    private final FileIndex index;
    private final Resolver resolver;

    /** Runs the rescans, so that a rescan stuck behind a busy index cannot outlive the deadline. */
    private final ExecutorService rescans;

    @Activate
    public TrustWatcherVerifier(@Reference FileIndex index, @Reference Resolver resolver) {
        this.index = index;
        this.resolver = resolver;
        this.rescans = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "filesync-verification-rescan");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        rescans.shutdownNow();
    }

    @Override
    public Verification verify(VerificationRequest request, Consumer<String> steps, Consumer<String> activities) {
        long start = System.nanoTime();
        long deadline = start + request.timeout().toNanos();
        steps.accept(Verification.WAITING_WATCHER);
        try {
            // Let the watcher finish the events of the generation's own writes first, without waiting
            // out their debounce window (the writes are complete): a rescan started while thousands
            // are pending would hash those files, hold the location while the watcher re-queues
            // their events, and the watcher would then hash them all again (a write event always
            // re-hashes). Once it has caught up, the rescan is a stat walk. Not settling here is no
            // failure, and it takes at most half the time left: the rescan and the wait below decide
            // as before.
            if (!request.touched().isEmpty()) {
                activities.accept(CATCHING_UP);
                flushEvents(request);
                long preDeadline = System.nanoTime() + Math.max(0, deadline - System.nanoTime()) / 2;
                for (Path endpoint : List.of(request.source(), request.target())) {
                    Duration left = Duration.ofNanos(Math.max(1, preDeadline - System.nanoTime()));
                    index.awaitSettled(root(endpoint), left);
                }
            }
            long caughtUp = System.nanoTime();
            List<IndexedLocation> ends = List.of(
                    locate(request.source()).location(),
                    locate(request.target()).location());
            List<Future<?>> rescanned = new ArrayList<>();
            Map<Path, Set<String>> toRescan = rescans(request.touched(), ends);
            if (!toRescan.isEmpty()) {
                activities.accept(rescanning(toRescan));
            }
            toRescan.forEach((root, paths) -> rescanned.add(rescans.submit(() -> index.rescan(root, paths))));
            try {
                for (Future<?> rescan : rescanned) {
                    rescan.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                rescanned.forEach(rescan -> rescan.cancel(true));
                return failed("timeout:" + Verification.WAITING_WATCHER);
            } catch (ExecutionException e) {
                rescanned.forEach(rescan -> rescan.cancel(true));
                return failed(oneLine(e.getCause().getMessage()));
            }
            long rescannedAt = System.nanoTime();
            // No flush here: events that came after the generation's writes are other writers' and
            // wait out their debounce window, so a file being written keeps the index unsettled.
            steps.accept(Verification.WAITING_LIBRARY_SYNC);
            activities.accept(SETTLING);
            for (Path endpoint : List.of(request.source(), request.target())) {
                Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                IndexStatus status = index.awaitSettled(root(endpoint), left);
                if (!status.settled()) {
                    LOG.warn("Verification of conduit {}: {}", request.conduitId(), status.describe());
                    return failed("timeout:" + Verification.WAITING_LIBRARY_SYNC);
                }
            }
            long settledAt = System.nanoTime();
            activities.accept(RESOLVING);
            Plan plan = resolver.resolve(request.resolution());
            LOG.debug(
                    "Verification of conduit {}: watcher caught up in {} ms, {} touched paths rescanned in {} ms,"
                            + " settled in {} ms, resolved in {} ms",
                    request.conduitId(),
                    millis(caughtUp - start),
                    request.touched().size(),
                    millis(rescannedAt - caughtUp),
                    millis(settledAt - rescannedAt),
                    millis(System.nanoTime() - settledAt));
            if (plan.inAgreement()) {
                return new Verification(
                        Verification.VERIFIED, Optional.of(plan.checkpoint()), Instant.now(), plan.baselineUpdates());
            }
            return new Verification(
                    Verification.FAILED_PREFIX + differences(plan),
                    Optional.empty(),
                    Instant.now(),
                    plan.baselineUpdates());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        } catch (IndexException | ResolverException e) {
            return failed(oneLine(e.getMessage()));
        }
    }

    /**
     * Per location of the ends, the paths to rescan relative to its root: the touched paths, or
     * {@code ""} (the whole location) when they are many against its size. Both ends rescan at
     * the same time, each on a thread of its own.
     */
    static Map<Path, Set<String>> rescans(Set<Path> touched, List<IndexedLocation> ends) {
        Map<Path, Set<String>> byRoot = new TreeMap<>();
        for (Path path : touched) {
            ends.stream()
                    .filter(end -> path.startsWith(end.root()))
                    .max(Comparator.comparingInt(end -> end.root().getNameCount()))
                    .ifPresent(end -> byRoot.computeIfAbsent(end.root(), root -> new TreeSet<>())
                            .add(end.root().relativize(path).toString()));
        }
        for (IndexedLocation end : ends) {
            byRoot.computeIfPresent(
                    end.root(),
                    (root, paths) -> paths.size() > end.entryCount() / WHOLE_LOCATION_DIVISOR ? Set.of("") : paths);
        }
        return byRoot;
    }

    /** {@code rescanning 12 paths}, {@code rescanning 2 whole ends}, {@code rescanning 1 whole end and 3 paths}. */
    static String rescanning(Map<Path, Set<String>> rescans) {
        long whole =
                rescans.values().stream().filter(paths -> paths.contains("")).count();
        long paths = rescans.values().stream()
                .filter(set -> !set.contains(""))
                .mapToLong(Set::size)
                .sum();
        List<String> parts = new ArrayList<>();
        if (whole > 0) {
            parts.add(whole + (whole == 1 ? " whole end" : " whole ends"));
        }
        if (paths > 0 || whole == 0) {
            parts.add(paths + (paths == 1 ? " path" : " paths"));
        }
        return "rescanning " + String.join(" and ", parts);
    }

    private void flushEvents(VerificationRequest request) throws InterruptedException {
        for (Path endpoint : List.of(request.source(), request.target())) {
            index.flushEvents(root(endpoint));
        }
    }

    private Path root(Path endpoint) {
        return locate(endpoint).location().root();
    }

    private LocatedPath locate(Path endpoint) {
        return index.locate(endpoint).orElseThrow(() -> new IndexException(endpoint + " is not indexed"));
    }

    /** {@code N paths still differ (a.txt content, b missing, …)}. */
    static String differences(Plan plan) {
        List<String> examples = new ArrayList<>();
        for (Operation operation : plan.operations()) {
            if (examples.size() == EXAMPLES) {
                break;
            }
            examples.add(printable(operation.path()) + " " + why(operation));
        }
        for (Skipped skipped : plan.skipped()) {
            if (examples.size() == EXAMPLES) {
                break;
            }
            examples.add(printable(skipped.path()) + " skipped");
        }
        int count = plan.operations().size() + plan.skipped().size();
        String more = count > examples.size() ? ", …" : "";
        return count + (count == 1 ? " path still differs (" : " paths still differ (") + String.join(", ", examples)
                + more + ")";
    }

    private static String why(Operation operation) {
        return switch (operation.type()) {
            case COPY -> ((Copy) operation).replaces() ? "content" : "missing";
            case CREATE_DIRECTORY -> "missing";
            case CREATE_SYMLINK -> "link";
            case UPDATE_METADATA -> "metadata";
            case DISPLACE -> "type";
            case MOVE -> "moved";
            case DELETE -> "extraneous";
            case PRESERVE -> "conflict copy";
        };
    }

    private static Verification failed(String reason) {
        return new Verification(Verification.FAILED_PREFIX + reason, Optional.empty(), Instant.now(), List.of());
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String oneLine(String text) {
        return text == null ? "error" : text.replace('\n', ' ');
    }
}
