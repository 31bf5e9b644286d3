package org.filesync.service.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ConduitStatistics;
import org.filesync.api.Generation;
import org.filesync.api.PathConflict;
import org.filesync.api.PlannedOperation;
import org.filesync.api.ScheduleState;
import org.filesync.api.SyncPlan;
import org.filesync.api.Trigger;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.api.path.Witness;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;
import org.filesync.jobs.ItemError;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobProgress;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Resolver;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.filesync.store.BaselineStore;
import org.filesync.store.ConduitStore;
import org.filesync.store.ConflictStore;
import org.filesync.store.DetectedConflict;
import org.filesync.store.GenerationStore;
import org.filesync.store.SequenceCheckpoint;
import org.filesync.transfer.CleanupReport;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteItem;
import org.filesync.transfer.DeleteOptions;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.TransferJob;
import org.filesync.transfer.TransferOptions;
import org.filesync.transfer.TransferService;
import org.filesync.verification.Verification;
import org.filesync.verification.VerificationRequest;
import org.filesync.verification.Verifier;

/** Small fakes of the engine's neighbours: a store in memory, an index that settles on cue, jobs that end on cue. */
final class EngineFakes {

    static final Path SOURCE = Path.of("/fake/src");
    static final Path TARGET = Path.of("/fake/dst");

    private EngineFakes() {}

    /** Conduits and generations in maps; the baseline and the conflict queue stay empty. */
    static final class MemoryStore implements ConduitStore, GenerationStore, BaselineStore, ConflictStore {
        final Map<Long, Conduit> conduits = new ConcurrentHashMap<>();
        final Map<Long, List<Generation>> generations = new ConcurrentHashMap<>();
        final Map<Long, SequenceCheckpoint> checkpoints = new ConcurrentHashMap<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        volatile RuntimeException failCheckpoint;
        /** Thrown by every attempt to record a failed generation while set. */
        volatile RuntimeException failFailures;

        /** A conduit between two real directories (the engine checks them and leaves its markers there). */
        Conduit add(ConduitOptions options, Path source, Path target) {
            long id = conduits.size() + 1;
            Conduit conduit = new Conduit(
                    id,
                    UUID.randomUUID(),
                    source,
                    target,
                    options,
                    Optional.empty(),
                    0,
                    Optional.empty(),
                    ConduitStatistics.NONE);
            conduits.put(id, conduit);
            generations.put(id, new CopyOnWriteArrayList<>());
            return conduit;
        }

        @Override
        public Conduit create(ConduitSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Conduit> get(long id) {
            return Optional.ofNullable(conduits.get(id));
        }

        @Override
        public List<Conduit> list() {
            return List.copyOf(conduits.values());
        }

        @Override
        public List<Conduit> listEnabled() {
            return list().stream().filter(c -> c.options().enabled()).toList();
        }

        @Override
        public Conduit update(long id, ConduitOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(long id) {
            conduits.remove(id);
        }

        @Override
        public Conduit recordError(long id, String error) {
            errors.add(error);
            return conduits.get(id);
        }

        @Override
        public Conduit recordCompletedRun(long id, Instant completed, long files, long bytes) {
            return conduits.get(id);
        }

        /** The stores the engine works on, all of them this one. */
        Stores stores() {
            return new Stores(this, this, this, this);
        }

        @Override
        public Conduit updateForgettingAgreement(long id, ConduitOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized Generation completeGeneration(
                Generation generation,
                BaselineChanges baseline,
                Collection<String> appliedDecisions,
                Optional<SequenceCheckpoint> checkpoint) {
            if (checkpoint.isPresent() && failCheckpoint != null) {
                throw failCheckpoint;
            }
            checkpoint.ifPresent(agreed -> checkpoints.put(generation.conduitId(), agreed));
            return saveGeneration(generation);
        }

        @Override
        public synchronized Generation failGeneration(Generation failed, String error) {
            if (failFailures != null) {
                throw failFailures;
            }
            errors.add(error);
            return saveGeneration(failed);
        }

        @Override
        public Optional<SequenceCheckpoint> checkpoint(long id) {
            return Optional.ofNullable(checkpoints.get(id));
        }

        @Override
        public synchronized Generation startGeneration(
                long conduitId, Instant started, List<String> planned, Trigger trigger) {
            List<Generation> history = generations.get(conduitId);
            Generation generation = Generation.planned(conduitId, history.size() + 1, started, trigger);
            history.add(generation);
            return generation;
        }

        @Override
        public Conduit saveScheduleState(long id, ScheduleState state) {
            throw new UnsupportedOperationException("the engine keeps no schedule state");
        }

        @Override
        public List<String> plannedOperations(long conduitId, long number) {
            return List.of();
        }

        @Override
        public synchronized Generation saveGeneration(Generation generation) {
            List<Generation> history = generations.get(generation.conduitId());
            history.set((int) generation.number() - 1, generation);
            return generation;
        }

        @Override
        public Optional<Generation> generation(long conduitId, long number) {
            List<Generation> history = generations.get(conduitId);
            return number <= history.size() ? Optional.of(history.get((int) number - 1)) : Optional.empty();
        }

        @Override
        public List<Generation> history(long conduitId) {
            List<Generation> newestFirst = new ArrayList<>(generations.get(conduitId));
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        }

        Generation newest(long conduitId) {
            return history(conduitId).get(0);
        }

        @Override
        public void updateBaseline(long conduitId, BaselineChanges changes) {}

        @Override
        public BaselineReader openBaseline(long conduitId) {
            return new BaselineReader() {
                @Override
                public boolean any() {
                    return false;
                }

                @Override
                public Optional<BaselineRecord> entry(String path) {
                    return Optional.empty();
                }

                @Override
                public List<BaselineRecord> all() {
                    return List.of();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<PathConflict> recordConflicts(
                long conduitId, long generation, List<DetectedConflict> conflicts, Instant at) {
            return List.of();
        }

        @Override
        public List<PathConflict> pendingConflicts(long conduitId) {
            return List.of();
        }

        @Override
        public List<PathConflict> allConflicts(long conduitId) {
            return List.of();
        }

        @Override
        public PathConflict decideConflict(long conduitId, String path, String resolution, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> decisionsToApply(long conduitId) {
            return Map.of();
        }
    }

    /** An index of the two fake ends that is settled unless a test holds it. */
    static final class SettlingIndex implements FileIndex {
        private volatile CountDownLatch held = new CountDownLatch(0);
        final AtomicInteger waits = new AtomicInteger();
        /** The files announced by {@link #expectWritten}: path, witness and hash. */
        final List<String> announced = new CopyOnWriteArrayList<>();

        @Override
        public void expectWritten(Path file, Witness witness, String hash) {
            announced.add(file + " " + witness + " " + hash);
        }

        void hold() {
            held = new CountDownLatch(1);
        }

        void release() {
            held.countDown();
        }

        @Override
        public IndexStatus awaitSettled(Path root, Duration timeout) throws InterruptedException {
            waits.incrementAndGet();
            boolean settled = held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new IndexStatus(root, 0, settled ? 0 : 3, 0, 0, Optional.empty());
        }

        @Override
        public Optional<LocatedPath> locate(Path path) {
            return Optional.of(
                    new LocatedPath(new IndexedLocation(path, IndexedLocation.SETTLED, 0, Optional.empty(), 0), ""));
        }

        @Override
        public void flushEvents(Path root) {}

        @Override
        public IndexedLocation register(Path path, Collection<IgnoreRules> prune) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void prune(Path root, Collection<IgnoreRules> ruleSets) {
            throw new UnsupportedOperationException("not pruned here");
        }

        @Override
        public List<IgnoreRules> pruning(Path root) {
            return List.of();
        }

        @Override
        public boolean unregister(Path root) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<IndexedLocation> locations() {
            return List.of();
        }

        @Override
        public Optional<IndexedLocation> location(Path root) {
            return locate(root).map(LocatedPath::location);
        }

        @Override
        public Optional<IndexEntry> entry(Path root, String relativePath) {
            return Optional.empty();
        }

        @Override
        public Stream<IndexEntry> entries(Path root, String prefix) {
            return Stream.empty();
        }

        @Override
        public Stream<IndexEntry> changesSince(Path root, String prefix, long afterSequence) {
            return Stream.empty();
        }

        @Override
        public void rescan(Path path, boolean deep) {}

        @Override
        public boolean cancelScans(Path root) {
            return false;
        }

        @Override
        public IndexStatus status(Path root) {
            return new IndexStatus(root, 0, 0, 0, 0, Optional.empty());
        }
    }

    /** A job that ends when the test says, with one error per item the test names. */
    static final class FakeJob implements JobHandle {
        final String kind;
        final List<Path> items;
        private final CompletableFuture<JobStatus> done = new CompletableFuture<>();
        private volatile JobStatus status;

        FakeJob(String kind, List<Path> items) {
            this.kind = kind;
            this.items = items;
            this.status = status(JobState.RUNNING, Optional.empty());
        }

        void end(Set<Path> failing) {
            List<ItemError> errors = items.stream()
                    .filter(failing::contains)
                    .map(item -> new ItemError(item.toString(), "io-error", "injected"))
                    .toList();
            JobResult result = new JobResult(items.size() - errors.size(), 10L * items.size(), errors, kind);
            status = status(errors.isEmpty() ? JobState.COMPLETED : JobState.FAILED, Optional.of(result));
            done.complete(status);
        }

        private JobStatus status(JobState state, Optional<JobResult> result) {
            return new JobStatus(
                    kind + "-" + System.identityHashCode(this),
                    kind,
                    kind + " " + items.size() + " item(s)",
                    "fake",
                    state,
                    "",
                    JobProgress.NONE,
                    Instant.now(),
                    Optional.empty(),
                    Optional.empty(),
                    result);
        }

        @Override
        public String id() {
            return status.id();
        }

        @Override
        public JobStatus status() {
            return status;
        }

        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public JobStatus await(Duration timeout) {
            return done.getNow(status);
        }

        @Override
        public CompletionStage<JobStatus> completion() {
            return done;
        }
    }

    /**
     * Copy and delete jobs that end at once (or, while held, when released), failing the items in
     * {@link #failing}; every dispatch is recorded in order.
     */
    static final class FakeTransfer implements TransferService {
        final List<FakeJob> dispatched = new CopyOnWriteArrayList<>();
        final List<CopyRequest> copyRequests = new CopyOnWriteArrayList<>();
        final Set<Path> failing = ConcurrentHashMap.newKeySet();
        /** The delete strategies registered, the built-in ones unless a test removes them. */
        final Set<String> deleteStrategies = ConcurrentHashMap.newKeySet();

        private volatile boolean holding;

        FakeTransfer() {
            deleteStrategies.add(DeleteStrategy.TRASH);
            deleteStrategies.add(DeleteStrategy.PERMANENT);
        }

        void hold() {
            holding = true;
        }

        /** Ends every job dispatched so far; later ones wait again while held. */
        void release() {
            dispatched.forEach(job -> job.end(failing));
        }

        List<String> kinds() {
            return dispatched.stream().map(job -> job.kind).toList();
        }

        private JobHandle dispatch(String kind, List<Path> items) {
            FakeJob job = new FakeJob(kind, items);
            dispatched.add(job);
            if (!holding) {
                job.end(failing);
            }
            return job;
        }

        @Override
        public JobHandle copy(CopyRequest request) {
            copyRequests.add(request);
            return dispatch(
                    "copy", request.items().stream().map(CopyItem::target).toList());
        }

        @Override
        public JobHandle delete(DeleteRequest request) {
            return dispatch(
                    "delete", request.items().stream().map(DeleteItem::path).toList());
        }

        @Override
        public TransferJob copyJob(CopyRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TransferJob deleteJob(DeleteRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> deleteStrategies() {
            return Set.copyOf(deleteStrategies);
        }

        @Override
        public CleanupReport cleanEndpoint(Path endpoint) {
            return new CleanupReport(0, 0);
        }
    }

    /**
     * A plan of named paths: {@code preserve}, {@code displace}, {@code copy} and {@code delete}
     * lists, relative to the fake ends, all towards the target.
     */
    record FakePlan(
            List<String> preserve,
            List<String> displace,
            List<String> copy,
            List<String> delete,
            long targetFiles,
            List<String> skipped)
            implements ResolvedRun {

        static FakePlan of(List<String> copy, List<String> delete) {
            return new FakePlan(List.of(), List.of(), copy, delete, copy.size() + delete.size(), List.of());
        }

        FakePlan preserving(String... paths) {
            return new FakePlan(List.of(paths), displace, copy, delete, targetFiles, skipped);
        }

        FakePlan displacing(String... paths) {
            return new FakePlan(preserve, List.of(paths), copy, delete, targetFiles, skipped);
        }

        @Override
        public SyncPlan summary() {
            List<PlannedOperation> operations = new ArrayList<>();
            copy.forEach(path -> operations.add(new PlannedOperation("copy", path, true, 10)));
            delete.forEach(path -> operations.add(new PlannedOperation("delete", path, true, 0)));
            return new SyncPlan(1, operations, copy.size(), delete.size(), 0, 10L * copy.size(), 0, List.of());
        }

        @Override
        public List<PlannedConflict> conflicts() {
            return List.of();
        }

        @Override
        public MovesDone movesDone() {
            return new MovesDone(0, 0);
        }

        @Override
        public Set<String> decisions() {
            return Set.of();
        }

        @Override
        public List<CopyRequest> preservations(String generation) {
            return copies(preserve, generation);
        }

        @Override
        public List<SideCounts> sides() {
            return List.of(new SideCounts(TARGET, targetFiles, delete.size()));
        }

        @Override
        public List<String> lines() {
            return summary().operations().stream().map(PlannedOperation::path).toList();
        }

        @Override
        public List<DeleteRequest> displacements(String generation) {
            return deletes(displace, generation);
        }

        @Override
        public List<CopyRequest> copies(String generation) {
            return copies(copy, generation);
        }

        @Override
        public List<DeleteRequest> deletes(String generation) {
            return deletes(delete, generation);
        }

        @Override
        public Set<Path> touched() {
            Set<Path> touched = new java.util.HashSet<>(contentTargets());
            delete.forEach(path -> touched.add(TARGET.resolve(path)));
            displace.forEach(path -> touched.add(TARGET.resolve(path)));
            return touched;
        }

        @Override
        public Set<Path> contentTargets() {
            Set<Path> targets = new java.util.HashSet<>();
            copy.forEach(path -> targets.add(TARGET.resolve(path)));
            preserve.forEach(path -> targets.add(TARGET.resolve(path)));
            return targets;
        }

        private static List<CopyRequest> copies(List<String> paths, String generation) {
            if (paths.isEmpty()) {
                return List.of();
            }
            List<CopyItem> items = paths.stream()
                    .map(path -> new CopyItem(
                            SOURCE.resolve(path), TARGET.resolve(path), Optional.empty(), Optional.empty()))
                    .toList();
            return List.of(new CopyRequest(items, new TransferOptions(TARGET, 4, 0, generation, "trash")));
        }

        private static List<DeleteRequest> deletes(List<String> paths, String generation) {
            if (paths.isEmpty()) {
                return List.of();
            }
            List<DeleteItem> items = paths.stream()
                    .map(path -> new DeleteItem(
                            TARGET.resolve(path),
                            new EntryFacts(EntryKind.DIRECTORY, 0, 0, -1, Optional.empty(), Optional.empty())))
                    .toList();
            return List.of(new DeleteRequest(items, new DeleteOptions(TARGET, "trash", generation)));
        }
    }

    /** A verifier that answers what the test sets, and records the phase each verification ran in. */
    static final class FakeVerifier implements Verifier {
        final List<VerificationRequest> requests = new CopyOnWriteArrayList<>();
        volatile String status = Verification.VERIFIED;
        volatile Function<VerificationRequest, Verification> answer =
                request -> new Verification(status, Optional.empty(), Instant.now(), List.of());

        @Override
        public Verification verify(VerificationRequest request, Consumer<String> steps, Consumer<String> activities) {
            requests.add(request);
            steps.accept(Verification.WAITING_WATCHER);
            activities.accept("rescanning " + request.touched().size() + " paths");
            steps.accept(Verification.WAITING_LIBRARY_SYNC);
            activities.accept(Verifier.RESOLVING);
            return answer.apply(request);
        }
    }

    /** The resolver as the engine sees it: which modes keep a baseline. */
    static final class FakeResolver implements Resolver {
        final Set<String> keepingBaseline = ConcurrentHashMap.newKeySet();

        @Override
        public Plan resolve(ResolveRequest request) {
            throw new UnsupportedOperationException("the engine resolves through its planner");
        }

        @Override
        public Set<String> modes() {
            return Set.of("mirror", "bidirectional");
        }

        @Override
        public boolean keepsBaseline(String mode) {
            return keepingBaseline.contains(mode);
        }
    }
}
