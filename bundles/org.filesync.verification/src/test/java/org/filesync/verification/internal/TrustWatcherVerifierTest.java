package org.filesync.verification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Copy;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Plan;
import org.filesync.resolver.Resolution;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Resolver;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.Skipped;
import org.filesync.verification.VerificationRequest;
import org.junit.jupiter.api.Test;

class TrustWatcherVerifierTest {

    private static final Path SOURCE = Path.of("/data/src");
    private static final Path TARGET = Path.of("/data/dst");

    @Test
    void aGenerationThatTouchedNothingRescansNothing() {
        assertEquals(Map.of(), TrustWatcherVerifier.rescans(Set.of(), ends(1000)));
    }

    @Test
    void rescansOnlyTheTouchedPathsOfEachEnd() {
        Set<Path> touched = Set.of(
                TARGET.resolve("new-dir"),
                TARGET.resolve("new-dir/a.txt"),
                TARGET.resolve("other.txt"),
                SOURCE.resolve("back.txt"));
        assertEquals(
                Map.of(SOURCE, Set.of("back.txt"), TARGET, Set.of("new-dir", "new-dir/a.txt", "other.txt")),
                TrustWatcherVerifier.rescans(touched, ends(1000)));
    }

    @Test
    void rescansAWholeEndWhenMostOfItWasTouched() {
        Set<Path> touched = new HashSet<>();
        for (int i = 0; i <= 1000 / TrustWatcherVerifier.WHOLE_LOCATION_DIVISOR; i++) {
            touched.add(TARGET.resolve("f" + i));
        }
        touched.add(SOURCE.resolve("back.txt"));
        assertEquals(
                Map.of(SOURCE, Set.of("back.txt"), TARGET, Set.of("")),
                TrustWatcherVerifier.rescans(touched, ends(1000)));
    }

    @Test
    void givesPathsRelativeToTheLocationThatHoldsTheEnd() {
        IndexedLocation data = location(Path.of("/data"), 1000);
        assertEquals(
                Map.of(Path.of("/data"), Set.of("src/a.txt", "dst/b.txt")),
                TrustWatcherVerifier.rescans(
                        Set.of(SOURCE.resolve("a.txt"), TARGET.resolve("b.txt")), List.of(data, data)));
    }

    @Test
    void namesHowManyPathsStillDifferWithAFewExamples() {
        EntryFacts file = new EntryFacts(EntryKind.FILE, 3, 0, 0644, Optional.empty(), Optional.of("ab"));
        EntryFacts other = new EntryFacts(EntryKind.FILE, 3, 0, 0644, Optional.empty(), Optional.of("cd"));
        Plan plan = new Plan(
                "1",
                "mirror",
                Resolution.FULL,
                new Checkpoint(1, 1),
                List.of(
                        new Copy("a/b.txt", Direction.SOURCE_TO_TARGET, file, Optional.of(other)),
                        new Copy("c.txt", Direction.SOURCE_TO_TARGET, file, Optional.empty())),
                List.of(new Delete("old.txt", Direction.SOURCE_TO_TARGET, file)),
                List.of(new Skipped("locked.txt", Side.SOURCE, "permission denied")),
                new SideStats(2, 2, 0, 0),
                new SideStats(3, 3, 1, 1));
        assertEquals(
                "4 paths still differ (a/b.txt content, c.txt missing, old.txt extraneous, …)",
                TrustWatcherVerifier.differences(plan));
    }

    @Test
    void flushesAndWaitsForTheWatcherBeforeRescanningAndWaitsWithoutFlushingAfterwards() {
        List<String> calls = new ArrayList<>();
        FileIndex index = (FileIndex) Proxy.newProxyInstance(
                FileIndex.class.getClassLoader(), new Class<?>[] {FileIndex.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "locate":
                            return Optional.of(new LocatedPath(location((Path) args[0], 1000), ""));
                        case "flushEvents":
                            calls.add("flush " + args[0]);
                            return null;
                        case "awaitSettled":
                            calls.add("settle " + args[0]);
                            return new IndexStatus((Path) args[0], 0, 0, 0, 0, Optional.empty());
                        case "rescan":
                            calls.add("rescan " + args[0] + " " + args[1]);
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        Resolver resolver = (Resolver) Proxy.newProxyInstance(
                Resolver.class.getClassLoader(), new Class<?>[] {Resolver.class}, (proxy, method, args) -> {
                    calls.add("resolve");
                    throw new ResolverException("stop here");
                });
        TrustWatcherVerifier verifier = new TrustWatcherVerifier(index, resolver);
        try {
            verifier.verify(
                    request(Set.of(TARGET.resolve("a.txt"))),
                    step -> calls.add("step " + step),
                    activity -> calls.add("activity " + activity));
        } finally {
            verifier.deactivate();
        }
        assertEquals(
                List.of(
                        "step waiting_watcher",
                        "activity catching up with the watcher",
                        "flush " + SOURCE,
                        "flush " + TARGET,
                        "settle " + SOURCE,
                        "settle " + TARGET,
                        "activity rescanning 1 path",
                        "rescan " + TARGET + " [a.txt]",
                        "step waiting_library_sync",
                        "activity waiting for the index to settle",
                        "settle " + SOURCE,
                        "settle " + TARGET,
                        "activity resolving again",
                        "resolve"),
                calls);
    }

    @Test
    void theRescanActivityCountsThePathsAndTheWholeEnds() {
        assertEquals(
                "rescanning 3 paths",
                TrustWatcherVerifier.rescanning(Map.of(SOURCE, Set.of("a", "b"), TARGET, Set.of("c"))));
        assertEquals(
                "rescanning 2 whole ends",
                TrustWatcherVerifier.rescanning(Map.of(SOURCE, Set.of(""), TARGET, Set.of(""))));
        assertEquals(
                "rescanning 1 whole end and 1 path",
                TrustWatcherVerifier.rescanning(Map.of(SOURCE, Set.of(""), TARGET, Set.of("c"))));
    }

    private static List<IndexedLocation> ends(long entries) {
        return List.of(location(SOURCE, entries), location(TARGET, entries));
    }

    private static IndexedLocation location(Path root, long entries) {
        return new IndexedLocation(root, IndexedLocation.SETTLED, entries, Optional.empty(), 0);
    }

    private static VerificationRequest request(Set<Path> touched) {
        return new VerificationRequest(
                ResolveRequest.full("1", new Endpoint(SOURCE, ""), new Endpoint(TARGET, ""), "mirror"),
                touched,
                Duration.ofSeconds(5));
    }
}
