package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.filesync.api.path.EntryKind;
import org.filesync.api.path.Witness;
import org.filesync.jobs.JobContext;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.ItemOutcome;
import org.filesync.transfer.TransferReasons;
import org.filesync.transfer.WrittenFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy of one file or symbolic link into an endpoint, in two steps. {@link #stage}: re-check
 * the target against the plan (hash included), then write a temp file, checking the size and the
 * hash while writing and that the source did not change meanwhile, and give it the source's
 * metadata (a link is recreated as a link). {@link #place}, once the temp is durable: re-check the
 * target again and rename the temp over it atomically (where the plan saw nothing, a rename that
 * refuses an existing entry), keeping the replaced entry through the delete strategy when one is
 * given, and telling the request's {@link WrittenFiles} what a placed file holds. Thread-safe: workers
 * call it for different items at once.
 */
final class ItemCopy {

    private static final Logger LOG = LoggerFactory.getLogger(ItemCopy.class);

    private final Path endpoint;
    private final String generation;
    private final Optional<DeleteStrategy> keepReplaced;
    private final WrittenFiles written;
    private final SafeDirs dirs;
    private final TempFiles temps;
    private final Copier copier;
    private final Throttle throttle;
    private final EntryMetadata metadata;
    private final DirectoryMetadata directories;
    private final DurableFlush flush;
    private final Optional<NativeFs> nativeFs;

    /**
     * @param generation the generation whose run copies, under which a replaced entry is kept
     * @param keepReplaced where a replaced entry goes; empty: it is overwritten
     * @param written told of each file placed whose hash was computed while writing it
     */
    ItemCopy(
            Path endpoint,
            String generation,
            Optional<DeleteStrategy> keepReplaced,
            WrittenFiles written,
            SafeDirs dirs,
            TempFiles temps,
            Copier copier,
            Throttle throttle,
            EntryMetadata metadata,
            DirectoryMetadata directories,
            DurableFlush flush,
            Optional<NativeFs> nativeFs) {
        this.endpoint = endpoint;
        this.generation = generation;
        this.keepReplaced = keepReplaced;
        this.written = written;
        this.dirs = dirs;
        this.temps = temps;
        this.copier = copier;
        this.throttle = throttle;
        this.metadata = metadata;
        this.directories = directories;
        this.flush = flush;
        this.nativeFs = nativeFs;
    }

    /**
     * Writes the temp file of {@code w} (for an item that {@link CopyWork#landsWhole}, the file at
     * its place in the staging directory), or fails with the target untouched and no temp left.
     */
    void stage(CopyWork w, JobContext ctx) throws ItemFailure, IOException, InterruptedException {
        if (ctx.isCancelled()) {
            throw new ItemFailure(TransferReasons.CANCELLED, "the job was cancelled before this item");
        }
        ctx.currentItem(w.item.target().toString());
        if (w.landsWhole()) {
            // inside a new directory's staging directory: nothing stands there, nobody else writes there;
            // a failed write leaves nothing there, so its directory lands without it
            try {
                write(w, w.staged, ctx);
            } catch (ItemFailure | IOException | InterruptedException e) {
                temps.discard(w.staged);
                throw e;
            }
            w.temp = w.staged;
            return;
        }
        dirs.ensure(w.target.getParent(), true);
        Optional<String> changed = targetChanged(w);
        if (changed.isPresent()) {
            throw new ItemFailure(TransferReasons.CHANGED_SINCE_PLAN, changed.get() + "; kept as it is");
        }
        if (w.item.expectedTarget().map(e -> e.kind() == EntryKind.DIRECTORY).orElse(false)) {
            throw new ItemFailure(
                    TransferReasons.IO_ERROR, w.target + " is a directory; delete it before copying over it");
        }
        Path temp = temps.next();
        w.temp = temp;
        try {
            write(w, temp, ctx);
        } catch (ItemFailure | IOException | InterruptedException e) {
            temps.discard(temp);
            w.temp = null;
            throw e;
        }
    }

    /** Writes the file or link of {@code w} at {@code temp}, with its source's metadata. */
    private void write(CopyWork w, Path temp, JobContext ctx) throws ItemFailure, IOException, InterruptedException {
        if (w.kind == EntryKind.SYMLINK) {
            Path link;
            try {
                link = Files.readSymbolicLink(w.item.source());
            } catch (IOException e) {
                throw ItemFailure.ofSource(e);
            }
            Files.createSymbolicLink(temp, link);
            metadata.applyToLink(temp, w.source);
        } else {
            w.bytes = writeFile(w, temp, ctx);
            metadata.apply(temp, w.source);
        }
    }

    /**
     * How the target differs from the plan, with the hash when the plan has one. Where the plan saw
     * nothing, an absent target is confirmed without an exception per file ({@link NativeFs#absent});
     * anything else, or no native calls, takes the full {@link StateCheck#mismatch}.
     */
    private Optional<String> targetChanged(CopyWork w) throws IOException, ItemFailure {
        if (w.item.expectedTarget().isEmpty()
                && nativeFs.isPresent()
                && nativeFs.get().absent(w.target)) {
            return Optional.empty();
        }
        return StateCheck.mismatch(w.target, w.item.expectedTarget(), true);
    }

    private long writeFile(CopyWork w, Path temp, JobContext ctx)
            throws ItemFailure, IOException, InterruptedException {
        MessageDigest digest = w.item.sourceHash().isPresent()
                ? StateCheck.digest(w.item.sourceHash().get().algorithm())
                : null;
        long expectedSize = w.source.size();
        long written;
        FileChannel in;
        try {
            in = FileChannel.open(w.item.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ItemFailure.ofSource(e);
        }
        try (in;
                FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            written = copier.copy(in, out, expectedSize, digest, throttle, ctx);
            if (written != expectedSize || out.size() != expectedSize || in.size() != expectedSize) {
                throw new ItemFailure(
                        TransferReasons.SOURCE_CHANGED,
                        w.item.source() + " changed while it was copied (" + expectedSize + " bytes expected, "
                                + written + " copied); the target was not touched");
            }
            if (flush.fsyncEachFile()) {
                out.force(true);
            }
        }
        if (digest != null) {
            String hex = HexFormat.of().formatHex(digest.digest());
            if (!hex.equals(w.item.sourceHash().get().hex())) {
                throw new ItemFailure(
                        TransferReasons.SOURCE_CHANGED,
                        w.item.source() + " does not have the content the plan saw (hash differs); the target was"
                                + " not touched");
            }
        }
        PosixFileAttributes after;
        try {
            after = Files.readAttributes(w.item.source(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ItemFailure.ofSource(e);
        }
        if (after.size() != expectedSize || !after.lastModifiedTime().equals(w.source.lastModifiedTime())) {
            throw new ItemFailure(
                    TransferReasons.SOURCE_CHANGED,
                    w.item.source() + " changed while it was copied; the target was not touched");
        }
        return written;
    }

    /**
     * Renames the staged temp of {@code w} over its target, or fails with the target kept as it is;
     * either way the item counts as done for the job's progress, and a temp not placed is removed.
     */
    void place(CopyWork w, JobContext ctx) throws ItemFailure, IOException {
        try {
            if (w.item.expectedTarget().isPresent()) {
                Optional<String> changed = StateCheck.mismatch(w.target, w.item.expectedTarget(), false);
                if (changed.isPresent()) {
                    throw new ItemFailure(TransferReasons.CHANGED_SINCE_PLAN, changed.get() + "; kept as it is");
                }
            }
            directories.beforeChangeIn(w.target.getParent());
            if (w.item.expectedTarget().isEmpty()) {
                // the plan saw nothing there: the rename itself refuses an entry that appeared
                if (!renameNoReplace(w.temp, w.target)) {
                    throw new ItemFailure(
                            TransferReasons.CHANGED_SINCE_PLAN,
                            "an entry appeared at " + w.target + " since the plan; kept as it is");
                }
            } else {
                if (keepReplaced.isPresent()) {
                    keepReplaced.get().keepReplaced(endpoint, w.target, generation);
                }
                Files.move(w.temp, w.target, StandardCopyOption.ATOMIC_MOVE);
            }
            temps.placed(w.temp);
            announceWritten(w);
            flush.touched(w.target.getParent());
            w.outcome = ItemOutcome.done(w.item.target(), w.bytes);
        } catch (DirectoryNotEmptyException e) {
            throw new ItemFailure(TransferReasons.CHANGED_SINCE_PLAN, w.target + " is a directory now; kept as it is");
        } finally {
            ctx.itemDone();
            if (w.pending() || !w.outcome.done()) {
                temps.discard(w.temp);
            }
        }
    }

    /**
     * Tells the request's {@link WrittenFiles} what a file just renamed into place (itself, or with
     * the new directory above it) holds, with its witness read now, when its hash was computed (and
     * checked) while it was written.
     */
    void announceWritten(CopyWork w) {
        if (written == WrittenFiles.NONE
                || w.kind != EntryKind.FILE
                || w.item.sourceHash().isEmpty()) {
            return;
        }
        try {
            Optional<Witness> witness = Witness.read(w.target);
            if (witness.isPresent()) {
                written.written(w.target, witness.get(), w.item.sourceHash().get());
            }
        } catch (IOException e) {
            LOG.debug("{}: no witness to announce: {}", w.target, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{}: announcing the written file failed: {}", w.target, e.toString(), e);
        }
    }

    /** Renames unless the target exists; false when it exists. */
    private boolean renameNoReplace(Path from, Path to) throws IOException {
        try {
            if (nativeFs.isPresent() && nativeFs.get().renameNoReplace(from, to)) {
                return true;
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        // Fallback: a hard link fails when the name is taken, then the temp goes away.
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(from);
        return true;
    }
}
