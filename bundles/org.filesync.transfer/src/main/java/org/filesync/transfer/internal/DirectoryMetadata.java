package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.jobs.JobContext;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.TransferReasons;

/**
 * The directories of one copy job and their metadata. The planned directories are created first
 * ({@link #create}); the mtime of each existing folder is remembered before the job's first change
 * in it ({@link #beforeChangeIn}, through {@link ParentTimes}); at the end ({@link #finish}) those
 * folders get their mtimes back and the planned directories get their source's mode and mtime,
 * deepest first, since writing inside a directory changes its mtime.
 */
final class DirectoryMetadata {

    private final SafeDirs dirs;
    private final EntryMetadata metadata;
    private final ParentTimes parentTimes = new ParentTimes();

    DirectoryMetadata(SafeDirs dirs, EntryMetadata metadata) {
        this.dirs = dirs;
        this.metadata = metadata;
    }

    /**
     * Makes the planned directory of {@code w} (its parents first, through real directories only),
     * or fails it when something else stands there or a directory appeared where the plan saw
     * something else.
     */
    void create(CopyWork w) {
        try {
            Optional<EntryFacts> expected = w.item.expectedTarget();
            Optional<BasicFileAttributes> actual = StateCheck.lstat(w.target);
            if (actual.isPresent()) {
                boolean isDir = actual.get().isDirectory() && !actual.get().isSymbolicLink();
                boolean planned = expected.isPresent() && expected.get().kind() == EntryKind.DIRECTORY;
                if (!isDir || !planned && expected.isPresent()) {
                    w.fail(
                            TransferReasons.CHANGED_SINCE_PLAN,
                            StateCheck.mismatch(w.target, expected, false).orElse(w.target + " is not a directory"));
                    return;
                }
            }
            if (actual.isEmpty()) {
                parentTimes.remember(w.target.getParent());
            }
            dirs.ensure(w.target, true);
        } catch (ItemFailure f) {
            w.fail(f.reason, f.getMessage());
        } catch (IOException e) {
            ItemFailure f = ItemFailure.of(e);
            w.fail(f.reason, f.getMessage());
        }
    }

    /** Remembers the mtime of {@code dir} before the job first changes something in it. */
    void beforeChangeIn(Path dir) {
        parentTimes.remember(dir);
    }

    /**
     * Puts the remembered mtimes back, then gives each pending directory of {@code directories} its
     * source's mode and mtime, deepest first, and marks it done.
     *
     * @throws IOException if a directory's metadata cannot be set
     */
    void finish(List<CopyWork> directories, JobContext ctx, DurableFlush flush) throws IOException {
        parentTimes.restore();
        List<CopyWork> deepestFirst = new ArrayList<>(directories);
        deepestFirst.sort(Comparator.comparing((CopyWork w) -> w.target).reversed());
        for (CopyWork w : deepestFirst) {
            if (w.pending()) {
                metadata.apply(w.target, w.source);
                w.outcome = ItemOutcome.done(w.item.target(), 0);
                ctx.itemDone();
                flush.touched(w.target.getParent());
            }
        }
    }
}
