package org.filesync.mode.mirror.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexEntry;
import org.filesync.resolver.Copy;
import org.filesync.resolver.CreateDirectory;
import org.filesync.resolver.CreateSymlink;
import org.filesync.resolver.Delete;
import org.filesync.resolver.Displace;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.Move;
import org.filesync.resolver.Operation;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.UpdateMetadata;
import org.filesync.resolver.testing.MemoryIndex;

/**
 * Plays a plan onto a {@link MemoryIndex} as the jobs would onto disk, in the plan's order, and
 * asserts what the jobs rely on: the expected state still holds, a parent directory exists before
 * anything lands in it, a directory is empty when deleted.
 */
final class PlanApplier {

    private PlanApplier() {}

    static void apply(MemoryIndex index, ResolveRequest request, Plan plan) {
        for (Operation op : plan.operations()) {
            Endpoint to = request.endpoint(op.direction().to());
            String path = to.indexPath(op.path());
            Optional<EntryFacts> current = index.live(to.root(), path).map(IndexEntry::facts);
            assertEquals(op.expected(), current, "expected state of " + op);
            if (op instanceof Copy c) {
                assertParent(index, to, op.path());
                index.put(to.root(), entry(path, c.source()));
            } else if (op instanceof CreateDirectory d) {
                assertParent(index, to, op.path());
                index.put(to.root(), entry(path, d.source()));
            } else if (op instanceof CreateSymlink s) {
                assertParent(index, to, op.path());
                index.put(to.root(), entry(path, s.source()));
            } else if (op instanceof UpdateMetadata u) {
                index.put(to.root(), entry(path, u.source()));
            } else if (op instanceof Move m) {
                assertParent(index, to, op.path());
                String from = to.indexPath(m.from());
                assertEquals(
                        Optional.of(m.current()), index.live(to.root(), from).map(IndexEntry::facts), "moved " + op);
                for (IndexEntry under : index.liveEntries(to.root())) {
                    if (under.path().startsWith(from + "/")) {
                        index.remove(to.root(), under.path());
                        index.put(to.root(), entry(path + under.path().substring(from.length()), under.facts()));
                    }
                }
                index.remove(to.root(), from);
                index.put(to.root(), entry(path, m.source()));
            } else if (op instanceof Displace) {
                index.remove(to.root(), path);
            } else if (op instanceof Delete d) {
                if (d.directory()) {
                    assertFalse(index.hasLiveChildren(to.root(), path), "directory not empty: " + op);
                }
                index.remove(to.root(), path);
            }
        }
    }

    private static void assertParent(MemoryIndex index, Endpoint to, String relative) {
        int slash = relative.lastIndexOf('/');
        if (slash < 0) {
            return; // the end itself
        }
        String parent = to.indexPath(relative.substring(0, slash));
        assertTrue(
                index.live(to.root(), parent)
                        .map(e -> e.kind() == EntryKind.DIRECTORY)
                        .orElse(false),
                "no parent directory for " + relative);
    }

    private static IndexEntry entry(String path, EntryFacts f) {
        return new IndexEntry(path, f, -1, 0, false, Optional.empty());
    }
}
