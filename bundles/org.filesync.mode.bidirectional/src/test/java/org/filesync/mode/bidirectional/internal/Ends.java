package org.filesync.mode.bidirectional.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.api.plugin.RankedPlugins;
import org.filesync.conflict.ConflictStrategies;
import org.filesync.conflict.internal.ConflictFileStrategy;
import org.filesync.conflict.internal.NewestWinsStrategy;
import org.filesync.conflict.internal.PromptStrategy;
import org.filesync.conflict.internal.SourceWinsStrategy;
import org.filesync.conflict.internal.TargetWinsStrategy;
import org.filesync.index.IndexEntry;
import org.filesync.resolver.Baseline;
import org.filesync.resolver.BaselineUpdate;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Copy;
import org.filesync.resolver.CreateDirectory;
import org.filesync.resolver.CreateSymlink;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Displace;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Move;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideEntry;
import org.filesync.resolver.UpdateMetadata;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.filesync.resolver.conflict.Preserve;
import org.filesync.resolver.testing.MemoryIndex;

/**
 * Both ends of a conduit as an in-memory index (entries with a change sequence per end, and
 * tombstones) plus the conduit's baseline, with a {@link ResolutionContext} over them; {@link
 * #apply} plays a plan onto the ends as the jobs would onto disk and checks what the jobs rely on.
 */
final class Ends {

    static final long MTIME = 1_700_000_000_000L;
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Endpoint SOURCE = new Endpoint(Path.of("/data/source"), "");
    static final Endpoint TARGET = new Endpoint(Path.of("/data/target"), "");

    private final Map<Side, TreeMap<String, IndexEntry>> ends = new EnumMap<>(Side.class);
    private final long[] sequence = new long[2];
    private final TreeMap<String, EntryFacts> baseline = new TreeMap<>();
    private boolean baselineExists;

    Ends() {
        ends.put(Side.SOURCE, new TreeMap<>());
        ends.put(Side.TARGET, new TreeMap<>());
    }

    // ---- the ends ------------------------------------------------------------------------------

    Ends file(Side side, String path, String content) {
        return file(side, path, content, MTIME);
    }

    Ends file(Side side, String path, String content, long mtimeMillis) {
        return file(side, path, content, mtimeMillis, 0644);
    }

    Ends file(Side side, String path, String content, long mtimeMillis, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return put(
                side,
                MemoryIndex.entry(
                        path, EntryKind.FILE, bytes.length, mtimeMillis, mode, null, MemoryIndex.hash(bytes), null));
    }

    Ends dir(Side side, String path) {
        return dir(side, path, MTIME);
    }

    Ends dir(Side side, String path, long mtimeMillis) {
        return put(side, MemoryIndex.entry(path, EntryKind.DIRECTORY, 0, mtimeMillis, 0755, null, null, null));
    }

    Ends symlink(Side side, String path, String target) {
        return put(side, MemoryIndex.entry(path, EntryKind.SYMLINK, target.length(), MTIME, 0777, target, null, null));
    }

    Ends special(Side side, String path) {
        return put(side, MemoryIndex.entry(path, EntryKind.OTHER, 0, MTIME, 0644, null, null, null));
    }

    Ends unreadable(Side side, String path, EntryKind kind) {
        return put(side, MemoryIndex.entry(path, kind, 0, MTIME, 0, null, null, "permission denied"));
    }

    /** Deletes a path and everything under it (tombstones). */
    Ends remove(Side side, String path) {
        TreeMap<String, IndexEntry> end = ends.get(side);
        List<IndexEntry> doomed = new ArrayList<>();
        for (IndexEntry e : end.values()) {
            if (!e.deleted() && (e.path().equals(path) || e.path().startsWith(path + "/"))) {
                doomed.add(e);
            }
        }
        for (IndexEntry e : doomed) {
            end.put(e.path(), withSequence(e, ++sequence[side.ordinal()], true));
        }
        return this;
    }

    /** Moves a path and everything under it, as the index sees a rename: deletes and creates. */
    Ends rename(Side side, String from, String to) {
        List<IndexEntry> moved = new ArrayList<>();
        for (IndexEntry e : ends.get(side).values()) {
            if (!e.deleted() && (e.path().equals(from) || e.path().startsWith(from + "/"))) {
                moved.add(e);
            }
        }
        remove(side, from);
        for (IndexEntry e : moved) {
            put(side, withPath(e, to + e.path().substring(from.length())));
        }
        return this;
    }

    /** Changes only the mtime and mode of an entry (a {@code touch}, a {@code chmod}). */
    Ends touch(Side side, String path, long mtimeMillis, int mode) {
        IndexEntry e = ends.get(side).get(path);
        return put(
                side,
                new IndexEntry(
                        path,
                        new EntryFacts(e.kind(), e.size(), mtimeMillis * 1_000_000L, mode, e.symlinkTarget(), e.hash()),
                        e.inode(),
                        0,
                        false,
                        e.error()));
    }

    Ends put(Side side, IndexEntry e) {
        ends.get(side).put(e.path(), withSequence(e, ++sequence[side.ordinal()], false));
        return this;
    }

    /** The same file on both ends, agreed in the baseline. */
    Ends agreedFile(String path, String content) {
        file(Side.SOURCE, path, content);
        file(Side.TARGET, path, content);
        return agree(path);
    }

    Ends agreedDir(String path) {
        dir(Side.SOURCE, path);
        dir(Side.TARGET, path);
        return agree(path);
    }

    /** Records the source's entry at a path in the baseline (which then exists). */
    Ends agree(String path) {
        baselineExists = true;
        baseline.put(path, live(Side.SOURCE, path).orElseThrow());
        return this;
    }

    /** A baseline that exists (a conduit after its first generation), even if empty. */
    Ends withBaseline() {
        baselineExists = true;
        return this;
    }

    Optional<EntryFacts> live(Side side, String path) {
        return Optional.ofNullable(ends.get(side).get(path))
                .filter(e -> !e.deleted())
                .map(IndexEntry::facts);
    }

    List<String> livePaths(Side side) {
        return ends.get(side).values().stream()
                .filter(e -> !e.deleted())
                .map(IndexEntry::path)
                .toList();
    }

    Map<String, EntryFacts> baseline() {
        return baseline;
    }

    Checkpoint current() {
        return new Checkpoint(sequence[0], sequence[1]);
    }

    // ---- resolving -----------------------------------------------------------------------------

    ResolveRequest request(String strategy, Map<String, ConflictDecision> decisions) {
        return ResolveRequest.full("c1", SOURCE, TARGET, BidirectionalMode.NAME)
                .with(baselineExists ? Baseline.of(baseline) : Baseline.none(), strategy, decisions);
    }

    /** The mode with the five built-in strategies of org.filesync.conflict registered. */
    static BidirectionalMode mode() {
        return new BidirectionalMode(builtInStrategies(), CLOCK);
    }

    /** The five built-in strategies of org.filesync.conflict, as the registry offers them. */
    static Strategies builtInStrategies() {
        return new Strategies()
                .register(NewestWinsStrategy.NAME, new NewestWinsStrategy(), 1)
                .register(SourceWinsStrategy.NAME, new SourceWinsStrategy(), 2)
                .register(TargetWinsStrategy.NAME, new TargetWinsStrategy(), 3)
                .register(ConflictFileStrategy.NAME, new ConflictFileStrategy(), 4)
                .register(PromptStrategy.NAME, new PromptStrategy(), 5);
    }

    /** The {@link ConflictStrategies} the mode reads, with the strategies a test registers. */
    static final class Strategies implements ConflictStrategies {
        private final RankedPlugins<ConflictStrategy> registered = new RankedPlugins<>(ConflictStrategy.PROPERTY);

        Strategies register(String name, ConflictStrategy strategy, long serviceId) {
            registered.add(strategy, Map.of(ConflictStrategy.PROPERTY, name, RankedPlugins.SERVICE_ID, serviceId));
            return this;
        }

        void unregister(long serviceId) {
            registered.remove(Map.of(RankedPlugins.SERVICE_ID, serviceId));
        }

        @Override
        public Optional<ConflictStrategy> find(String name) {
            return registered.find(name);
        }

        @Override
        public Set<String> names() {
            return registered.names();
        }
    }

    Plan resolve(String strategy) {
        return resolve(strategy, Map.of());
    }

    Plan resolve(String strategy, Map<String, ConflictDecision> decisions) {
        return mode().resolve(context(request(strategy, decisions), Optional.empty()));
    }

    Plan resolveSince(Checkpoint checkpoint, String strategy) {
        return resolveSince(checkpoint, strategy, Map.of());
    }

    Plan resolveSince(Checkpoint checkpoint, String strategy, Map<String, ConflictDecision> decisions) {
        return mode().resolve(context(request(strategy, decisions), Optional.of(checkpoint)));
    }

    ResolutionContext context(ResolveRequest request, Optional<Checkpoint> checkpoint) {
        Checkpoint current = current();
        return new ResolutionContext() {
            @Override
            public ResolveRequest request() {
                return request;
            }

            @Override
            public Optional<Checkpoint> checkpoint() {
                return checkpoint;
            }

            @Override
            public Checkpoint current() {
                return current;
            }

            @Override
            public Stream<SideEntry> entries(Side side) {
                return List.copyOf(ends.get(side).values()).stream()
                        .filter(e -> !e.deleted())
                        .map(e -> new SideEntry(e.path(), e));
            }

            @Override
            public Stream<SideEntry> subtree(Side side, String path) {
                return entries(side)
                        .filter(e -> e.path().equals(path) || e.path().startsWith(path + "/"));
            }

            @Override
            public Optional<SideEntry> entry(Side side, String path) {
                return Optional.ofNullable(ends.get(side).get(path)).map(e -> new SideEntry(path, e));
            }

            @Override
            public Stream<SideEntry> changes(Side side, long afterSequence) {
                return List.copyOf(ends.get(side).values()).stream()
                        .filter(e -> e.sequence() > afterSequence)
                        .sorted(Comparator.comparingLong(IndexEntry::sequence))
                        .map(e -> new SideEntry(e.path(), e));
            }
        };
    }

    // ---- applying ------------------------------------------------------------------------------

    /**
     * Plays a plan onto the ends in its order, asserting that the expected state still holds, a
     * parent directory exists before anything lands in it, and a directory is empty when deleted.
     */
    void apply(Plan plan) {
        for (Operation op : plan.operations()) {
            Side to = op.direction().to();
            Optional<EntryFacts> current = live(to, op.path());
            assertEquals(op.expected(), current, "expected state of " + op);
            if (op instanceof Preserve p) {
                assertEquals(Optional.of(p.current()), live(to, p.original()), "preserved original of " + op);
                assertParent(to, op.path());
                put(to, entry(op.path(), p.current()));
            } else if (op instanceof Copy c) {
                assertParent(to, op.path());
                if (!c.replaces()) {
                    // a conflict copy is read from the other end, where the preserve made it
                    assertTrue(live(op.direction().from(), op.path()).isPresent(), "nothing to read for " + op);
                }
                put(to, entry(op.path(), c.source()));
            } else if (op instanceof CreateDirectory d) {
                assertParent(to, op.path());
                put(to, entry(op.path(), d.source()));
            } else if (op instanceof CreateSymlink s) {
                assertParent(to, op.path());
                put(to, entry(op.path(), s.source()));
            } else if (op instanceof Move m) {
                assertEquals(Optional.of(m.current()), live(to, m.from()), "moved entry of " + op);
                assertParent(to, op.path());
                rename(to, m.from(), m.path());
                put(to, entry(op.path(), m.source()));
            } else if (op instanceof UpdateMetadata u) {
                put(to, entry(op.path(), u.source()));
            } else if (op instanceof Displace) {
                remove(to, op.path());
            } else if (op instanceof Delete d) {
                if (d.directory()) {
                    assertFalse(hasLiveChildren(to, op.path()), "directory not empty: " + op);
                }
                remove(to, op.path());
            }
        }
    }

    /** Stores a plan's baseline updates, as the caller does after a verified generation. */
    void applyBaseline(Plan plan) {
        baselineExists = true;
        for (BaselineUpdate u : plan.baselineUpdates()) {
            if (u.agreed().isPresent()) {
                baseline.put(u.path(), u.agreed().get());
            } else {
                baseline.remove(u.path());
            }
        }
    }

    private boolean hasLiveChildren(Side side, String path) {
        return ends.get(side).values().stream()
                .anyMatch(e -> !e.deleted() && e.path().startsWith(path + "/"));
    }

    private void assertParent(Side side, String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        assertTrue(
                live(side, path.substring(0, slash))
                        .map(EntryFacts::isDirectory)
                        .orElse(false),
                "no parent directory for " + path + " on the " + side);
    }

    // ---- entries -------------------------------------------------------------------------------

    static IndexEntry entry(String path, EntryFacts f) {
        return new IndexEntry(path, f, -1, 0, false, Optional.empty());
    }

    static String hash(String content) {
        return MemoryIndex.hash(content.getBytes(StandardCharsets.UTF_8));
    }

    private static IndexEntry withSequence(IndexEntry e, long sequence, boolean deleted) {
        return new IndexEntry(e.path(), e.facts(), e.inode(), sequence, deleted, e.error());
    }

    private static IndexEntry withPath(IndexEntry e, String path) {
        return new IndexEntry(path, e.facts(), e.inode(), e.sequence(), e.deleted(), e.error());
    }
}
