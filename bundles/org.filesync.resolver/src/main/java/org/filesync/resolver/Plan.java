package org.filesync.resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.filesync.resolver.conflict.PlannedConflict;
import org.filesync.resolver.conflict.Preserve;
import org.filesync.resolver.internal.Checks;

/**
 * What a generation must do to make a conduit's ends agree, in a safe order.
 *
 * <p>{@link #copies()} is the copy phase: creations, replacements, displacements, {@link Move moves}
 * and metadata-only updates, in {@link org.filesync.index.IndexEntry#PATH_ORDER} (a directory is
 * created before its content; a {@link Displace} immediately precedes the creation at its path),
 * then the metadata updates of directories, deepest first; {@link Preserve conflict copies} come
 * first of all. {@link #deletes()} is the delete phase, to run only after every copy succeeded, in
 * reverse path order (content before its directory). Operations of both directions may be mixed.
 *
 * @param conduitId the conduit
 * @param mode the name of the mode that made the plan
 * @param resolution whether both ends were read in full or only their changes
 * @param checkpoint the sequences at which the ends were read; store it once a plan {@link
 *     #inAgreement() in agreement} proves the ends agree
 * @param copies the copy phase, in order
 * @param deletes the delete phase, in order
 * @param skipped paths left alone, in path order
 * @param source counts of the source end
 * @param target counts of the target end
 * @param conflicts the conflicts found, in path order, each with its decision (a pending one has no
 *     operation)
 * @param baselineUpdates where the ends agree but the baseline does not (record) or neither end has
 *     a path the baseline has (forget), in path order; empty for modes without a baseline
 * @param ignored how many entries of both ends the conduit's ignore rules kept out of the plan
 *     (counted when an end is read in full, 0 otherwise)
 * @param kept directories the plan would have removed but keeps, because they still hold entries
 *     the rules ignore (each a warning for a user; they do not stop the ends from agreeing)
 */
public record Plan(
        String conduitId,
        String mode,
        Resolution resolution,
        Checkpoint checkpoint,
        List<Operation> copies,
        List<Delete> deletes,
        List<Skipped> skipped,
        SideStats source,
        SideStats target,
        List<PlannedConflict> conflicts,
        List<BaselineUpdate> baselineUpdates,
        long ignored,
        List<Skipped> kept) {

    public Plan {
        Checks.notBlank(conduitId, "conduitId");
        Checks.notBlank(mode, "mode");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(checkpoint, "checkpoint");
        copies = List.copyOf(copies);
        deletes = List.copyOf(deletes);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        conflicts = List.copyOf(conflicts);
        baselineUpdates = List.copyOf(baselineUpdates);
        if (ignored < 0) {
            throw new IllegalArgumentException("ignored cannot be negative");
        }
        kept = List.copyOf(kept);
        for (Operation op : copies) {
            if (op instanceof Delete) {
                throw new IllegalArgumentException("a delete is not part of the copy phase: " + op.path());
            }
        }
    }

    /** A plan as a mode makes it: the ignored entries and kept directories are added by the resolver. */
    public Plan(
            String conduitId,
            String mode,
            Resolution resolution,
            Checkpoint checkpoint,
            List<Operation> copies,
            List<Delete> deletes,
            List<Skipped> skipped,
            SideStats source,
            SideStats target,
            List<PlannedConflict> conflicts,
            List<BaselineUpdate> baselineUpdates) {
        this(
                conduitId,
                mode,
                resolution,
                checkpoint,
                copies,
                deletes,
                skipped,
                source,
                target,
                conflicts,
                baselineUpdates,
                0,
                List.of());
    }

    /** A plan of a mode without baseline or conflicts (such as mirror). */
    public Plan(
            String conduitId,
            String mode,
            Resolution resolution,
            Checkpoint checkpoint,
            List<Operation> copies,
            List<Delete> deletes,
            List<Skipped> skipped,
            SideStats source,
            SideStats target) {
        this(
                conduitId,
                mode,
                resolution,
                checkpoint,
                copies,
                deletes,
                skipped,
                source,
                target,
                List.of(),
                List.of(),
                0,
                List.of());
    }

    /** Every operation in execution order: the copy phase, then the delete phase. */
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>(copies.size() + deletes.size());
        all.addAll(copies);
        all.addAll(deletes);
        return List.copyOf(all);
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return copies.isEmpty() && deletes.isEmpty();
    }

    /** The conflicts left pending: nothing is done at their paths until a user decides. */
    public List<PlannedConflict> pendingConflicts() {
        return conflicts.stream().filter(c -> c.decision().isPending()).toList();
    }

    /**
     * Whether the plan proves both ends agree: nothing to do and nothing skipped (pending conflicts
     * are not a difference the run could settle, so they do not count). Its {@link
     * #checkpoint()} is then the one to store for the next, incremental, resolution.
     */
    public boolean inAgreement() {
        return isEmpty() && skipped.isEmpty();
    }

    /** The number of files whose content is written ({@link Copy} operations). */
    public long copiedFiles() {
        return copies.stream().filter(Copy.class::isInstance).count();
    }

    /** The number of {@link Move moves}: files and directories renamed instead of copied and deleted. */
    public long movedEntries() {
        return copies.stream().filter(Move.class::isInstance).count();
    }

    /** The bytes of content the copies write. */
    public long bytes() {
        return copies.stream().mapToLong(Operation::bytes).sum();
    }

    /** The counts of one end. */
    public SideStats stats(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    /**
     * Whether the source end has no entries while the target has some: a run must treat this as
     * suspicious (an unmounted or emptied source) and refuse unless forced. False when a side was
     * not counted.
     */
    public boolean sourceEmpty() {
        return source.counted() && target.counted() && source.entries() == 0 && target.entries() > 0;
    }
}
