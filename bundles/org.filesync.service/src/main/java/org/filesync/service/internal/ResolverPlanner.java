package org.filesync.service.internal;

import static org.filesync.api.PrintablePaths.printable;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.Conduit;
import org.filesync.api.ConflictPlan;
import org.filesync.api.ConflictSide;
import org.filesync.api.PlannedOperation;
import org.filesync.api.SyncPlan;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.path.EntryKind;
import org.filesync.resolver.Copy;
import org.filesync.resolver.CreateSymlink;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Direction;
import org.filesync.resolver.Displace;
import org.filesync.resolver.ModeUnavailableException;
import org.filesync.resolver.Move;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Resolver;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.resolver.conflict.Preserve;
import org.filesync.store.BaselineStore;
import org.filesync.transfer.ContentHash;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteItem;
import org.filesync.transfer.DeleteOptions;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.MoveOrigin;
import org.filesync.transfer.TransferOptions;

/**
 * Resolves a conduit through the {@link Resolver}, with the request {@link RunRequests} builds, and
 * turns the plan into transfer requests.
 */
final class ResolverPlanner implements Planner {

    private final Resolver resolver;
    private final RunRequests requests;
    private final BaselineStore baselines;

    ResolverPlanner(Resolver resolver, RunRequests requests, BaselineStore baselines) {
        this.resolver = resolver;
        this.requests = requests;
        this.baselines = baselines;
    }

    @Override
    public ResolvedRun resolve(Conduit conduit) {
        try (StoredBaseline baseline = StoredBaseline.open(baselines, conduit.id())) {
            ResolveRequest request = requests.of(conduit, baseline);
            Plan plan = resolver.resolve(request);
            return new PlanRun(conduit, plan, request.decisions().keySet());
        } catch (ModeUnavailableException e) {
            throw new SyncRefusedException(e.getMessage() + ": conduit " + conduit.id() + " cannot sync until it is");
        } catch (ResolverException e) {
            throw new SyncRefusedException(e.getMessage());
        }
    }

    /** A resolver plan, seen as the service runs it. */
    private static final class PlanRun implements ResolvedRun {

        private final Conduit conduit;
        private final Plan plan;
        private final SyncPlan summary;
        private final Set<String> decisions;

        PlanRun(Conduit conduit, Plan plan, Set<String> decisions) {
            this.conduit = conduit;
            this.plan = plan;
            this.decisions = Set.copyOf(decisions);
            List<PlannedOperation> operations = new ArrayList<>();
            long bytes = 0;
            for (Operation operation : plan.operations()) {
                operations.add(new PlannedOperation(
                        action(operation),
                        operation.path(),
                        operation.direction() == Direction.SOURCE_TO_TARGET,
                        operation.bytes(),
                        operation instanceof Move move ? Optional.of(move.from()) : Optional.empty()));
                bytes += operation.bytes();
            }
            this.summary = new SyncPlan(
                    conduit.id(),
                    operations,
                    plan.copiedFiles(),
                    plan.deletes().size(),
                    plan.movedEntries(),
                    plan.conflicts().size(),
                    bytes,
                    plan.ignored(),
                    kept(plan),
                    plan.conflicts().stream().map(PlanRun::conflictPlan).toList());
        }

        /** A planned conflict as users see it: its facts and the decision the run carries out. */
        private static ConflictPlan conflictPlan(PlannedConflict planned) {
            ConflictDecision decision = planned.decision();
            return new ConflictPlan(
                    planned.path(),
                    planned.conflict().type().label(),
                    planned.conflict().source().map(ConflictSide::of),
                    planned.conflict().target().map(ConflictSide::of),
                    planned.strategy(),
                    decision.winner().map(side -> side.name().toLowerCase(Locale.ROOT)),
                    decision.keepLoser());
        }

        /** One warning line per directory the plan keeps for the ignored entries in it. */
        private static List<String> kept(Plan plan) {
            return plan.kept().stream()
                    .map(kept -> printable(kept.path()) + ": " + kept.reason() + " on "
                            + kept.side().name().toLowerCase())
                    .toList();
        }

        @Override
        public List<PlannedConflict> conflicts() {
            return plan.conflicts();
        }

        @Override
        public Set<String> decisions() {
            return decisions;
        }

        @Override
        public List<CopyRequest> preservations(String generation) {
            List<CopyRequest> requests = new ArrayList<>();
            for (Side side : Side.values()) {
                List<CopyItem> items = new ArrayList<>();
                for (Operation operation : plan.copies()) {
                    if (operation instanceof Preserve preserve
                            && preserve.direction().to() == side) {
                        items.add(new CopyItem(
                                path(side, preserve.original()),
                                path(side, preserve.path()),
                                Optional.empty(),
                                preserve.current().hash().map(ContentHash::sha256)));
                    }
                }
                if (!items.isEmpty()) {
                    requests.add(new CopyRequest(items, transferOptions(side, generation)));
                }
            }
            return requests;
        }

        @Override
        public SyncPlan summary() {
            return summary;
        }

        @Override
        public List<SideCounts> sides() {
            return List.of(counts(conduit.source(), plan.source()), counts(conduit.target(), plan.target()));
        }

        private static SideCounts counts(Path endpoint, SideStats stats) {
            // An incremental plan does not count the side; a deletion then counts against the deleted files alone.
            long files = stats.counted() ? stats.files() : stats.removedFiles();
            return new SideCounts(endpoint, files, stats.removedFiles());
        }

        @Override
        public List<String> lines() {
            return plan.operations().stream()
                    .map(operation -> action(operation) + "\t" + operation.direction() + "\t"
                            + (operation instanceof Move move ? printable(move.from()) + " -> " : "")
                            + printable(operation.path()))
                    .toList();
        }

        @Override
        public List<String> skipped() {
            return plan.skipped().stream()
                    .map(skipped -> printable(skipped.path()) + ": skipped on "
                            + skipped.side().name().toLowerCase() + " (" + skipped.reason() + ")")
                    .toList();
        }

        @Override
        public List<DeleteRequest> displacements(String generation) {
            List<DeleteRequest> requests = new ArrayList<>();
            for (Side side : Side.values()) {
                List<DeleteItem> items = new ArrayList<>();
                for (Operation operation : plan.copies()) {
                    if (operation instanceof Displace displace
                            && displace.direction().to() == side) {
                        // The subtree first as the index saw it, each entry re-checked: the directory goes once empty.
                        for (Delete under : displace.subtree()) {
                            items.add(new DeleteItem(path(side, under.path()), under.current()));
                        }
                        items.add(new DeleteItem(path(side, displace.path()), displace.current()));
                    }
                }
                if (!items.isEmpty()) {
                    // Always into the trash: a copy that fails after the displacement must not have lost it.
                    requests.add(new DeleteRequest(
                            items,
                            new DeleteOptions(
                                    endpoint(side),
                                    DeleteStrategy.TRASH,
                                    generation,
                                    conduit.options().parallelTransfers())));
                }
            }
            return requests;
        }

        @Override
        public List<CopyRequest> copies(String generation) {
            List<CopyRequest> requests = new ArrayList<>();
            for (Side side : Side.values()) {
                List<CopyItem> items = new ArrayList<>();
                for (Operation operation : plan.copies()) {
                    if (operation instanceof Displace
                            || operation instanceof Preserve
                            || operation.direction().to() != side) {
                        continue;
                    }
                    Path from = path(operation.direction().from(), operation.path());
                    Path to = path(side, operation.path());
                    if (operation instanceof Move move) {
                        items.add(CopyItem.moving(
                                from,
                                to,
                                new MoveOrigin(path(side, move.from()), move.current()),
                                move.source().hash().map(ContentHash::sha256)));
                        continue;
                    }
                    Optional<ContentHash> hash = operation instanceof Copy copy
                            ? copy.source().hash().map(ContentHash::sha256)
                            : Optional.empty();
                    items.add(new CopyItem(from, to, operation.expected(), hash));
                }
                if (!items.isEmpty()) {
                    requests.add(new CopyRequest(items, transferOptions(side, generation)));
                }
            }
            return requests;
        }

        @Override
        public List<DeleteRequest> deletes(String generation) {
            List<DeleteRequest> requests = new ArrayList<>();
            for (Side side : Side.values()) {
                List<DeleteItem> items = new ArrayList<>();
                for (Delete delete : plan.deletes()) {
                    if (delete.direction().to() == side) {
                        items.add(new DeleteItem(path(side, delete.path()), delete.current()));
                    }
                }
                for (Move move : movesNotDone()) {
                    if (move.direction().to() == side) {
                        // the copy job copied it instead: the old path goes as any delete, re-checked
                        for (Delete delete : move.fallbackDeletes()) {
                            items.add(new DeleteItem(path(side, delete.path()), delete.current()));
                        }
                    }
                }
                if (!items.isEmpty()) {
                    requests.add(new DeleteRequest(items, deleteOptions(side, generation)));
                }
            }
            return requests;
        }

        @Override
        public MovesDone movesDone() {
            List<Move> notDone = movesNotDone();
            long copiedInstead = 0;
            for (Move move : notDone) {
                copiedInstead += move.directory()
                        ? move.subtree().stream()
                                .filter(under -> under.current().kind() == EntryKind.FILE)
                                .count()
                        : 1;
            }
            return new MovesDone(moves().size() - notDone.size(), copiedInstead);
        }

        private List<Move> moves() {
            return plan.copies().stream()
                    .filter(Move.class::isInstance)
                    .map(Move.class::cast)
                    .toList();
        }

        /** The moves the copy jobs did not do (the old path is still there): they copied the new path instead. */
        private List<Move> movesNotDone() {
            return moves().stream()
                    .filter(move -> Files.exists(path(move.direction().to(), move.from()), LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }

        @Override
        public Set<Path> touched() {
            Set<Path> touched = new HashSet<>();
            for (Operation operation : plan.operations()) {
                touched.add(path(operation.direction().to(), operation.path()));
                if (operation instanceof Move move) {
                    touched.add(path(move.direction().to(), move.from()));
                }
            }
            return touched;
        }

        @Override
        public Set<Path> contentTargets() {
            Set<Path> targets = new HashSet<>();
            for (Operation operation : plan.copies()) {
                if (operation instanceof Copy || operation instanceof Preserve) {
                    targets.add(path(operation.direction().to(), operation.path()));
                }
            }
            return targets;
        }

        private TransferOptions transferOptions(Side side, String generation) {
            return new TransferOptions(
                    endpoint(side),
                    conduit.options().parallelTransfers(),
                    conduit.options().bandwidthLimit(),
                    generation,
                    conduit.options().deleteStrategy());
        }

        /** The conduit's delete strategy, removing as many entries at once as its copies write. */
        private DeleteOptions deleteOptions(Side side, String generation) {
            return new DeleteOptions(
                    endpoint(side),
                    conduit.options().deleteStrategy(),
                    generation,
                    conduit.options().parallelTransfers());
        }

        private Path endpoint(Side side) {
            return side == Side.SOURCE ? conduit.source() : conduit.target();
        }

        private Path path(Side side, String relativePath) {
            return endpoint(side).resolve(relativePath);
        }

        private static String action(Operation operation) {
            return switch (operation.type()) {
                case COPY -> ((Copy) operation).replaces() ? "replace" : "copy";
                case CREATE_DIRECTORY -> "mkdir";
                case CREATE_SYMLINK -> ((CreateSymlink) operation).expected().isPresent() ? "relink" : "symlink";
                case UPDATE_METADATA -> "metadata";
                case DISPLACE -> "displace";
                case MOVE -> "move";
                case DELETE -> "delete";
                case PRESERVE -> "keep-conflict-copy";
            };
        }
    }
}
