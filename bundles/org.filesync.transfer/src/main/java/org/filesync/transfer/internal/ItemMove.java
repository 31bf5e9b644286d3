package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.filesync.api.path.EntryKind;
import org.filesync.transfer.MoveOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rename of an entry of the endpoint, a file or a whole directory, to a copy item's free target
 * name: re-check the old path against the plan (as before an overwrite, the hash included), check
 * that nothing stands at the new name and that both lie inside the endpoint, then one atomic rename
 * that refuses an existing entry. The folders renamed out of and into keep their mtimes ({@link
 * DirectoryMetadata#beforeChangeIn}); a moved file gets its source's mode and mtime at once, a
 * moved directory with the job's other directories at the end. When anything stands in the way the
 * entry is left as it is and the caller copies the item instead.
 */
final class ItemMove {

    private static final Logger LOG = LoggerFactory.getLogger(ItemMove.class);

    private final SafeDirs dirs;
    private final EntryMetadata metadata;
    private final DirectoryMetadata directories;
    private final DurableFlush flush;
    private final RenameNoReplace rename;

    ItemMove(
            SafeDirs dirs,
            EntryMetadata metadata,
            DirectoryMetadata directories,
            DurableFlush flush,
            RenameNoReplace rename) {
        this.dirs = dirs;
        this.metadata = metadata;
        this.directories = directories;
        this.flush = flush;
        this.rename = rename;
    }

    /**
     * Renames the origin of {@code w} to its target; a moved file is then done, a moved directory
     * stays pending for its metadata. Returns false, with nothing changed, when the item must be
     * copied instead.
     */
    boolean move(CopyWork w) {
        MoveOrigin origin = w.item.moveFrom().orElseThrow();
        try {
            Path from = dirs.inside(origin.path(), false);
            if (w.kind != origin.expected().kind()) {
                return fallBack(
                        w,
                        "the source is a " + w.kind + ", the plan moves a "
                                + origin.expected().kind());
            }
            dirs.ensure(from.getParent(), false);
            Optional<String> changed = StateCheck.mismatch(from, Optional.of(origin.expected()), true);
            if (changed.isPresent()) {
                return fallBack(w, changed.get());
            }
            dirs.ensure(w.target.getParent(), true);
            if (StateCheck.lstat(w.target).isPresent()) {
                return fallBack(w, "an entry appeared at " + w.target + " since the plan");
            }
            directories.beforeChangeIn(from.getParent());
            directories.beforeChangeIn(w.target.getParent());
            if (!rename.rename(from, w.target)) {
                return fallBack(w, "an entry appeared at " + w.target + " since the plan");
            }
            if (w.kind == EntryKind.DIRECTORY) {
                dirs.forgetTree(from);
            } else {
                metadata.apply(w.target, w.source);
                w.doneWithoutCopy();
            }
            flush.touched(from.getParent());
            flush.touched(w.target.getParent());
            return true;
        } catch (ItemFailure | IOException e) {
            return fallBack(w, e.getMessage());
        }
    }

    private static boolean fallBack(CopyWork w, String why) {
        LOG.debug(
                "Copying {} instead of moving {} there: {}",
                w.target,
                w.item.moveFrom().get().path(),
                why);
        return false;
    }
}
