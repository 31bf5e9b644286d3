package org.filesync.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.filesync.api.path.EntryKind;
import org.filesync.api.path.Witness;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Indexes directory trees ("locations") and keeps them fresh from filesystem events.
 *
 * <p>Every entry carries the kind, size, mtime (ns), permissions, symlink target, inode and, for
 * files, a content hash ({@link org.filesync.api.path.EntryFacts#HASH_ALGORITHM}). A scan hashes a file only when its
 * size, mtime or inode changed (a deep rescan hashes all); a write event from the watcher always
 * re-hashes it, unless the file is one a copy announced by {@link #expectWritten} and its witness
 * is still the announced one. Every insert, update or delete takes the next number of the location's change
 * sequence; deletions leave tombstones, so {@link #changesSince} sees them. Folders named
 * {@code .filesync} are never indexed. Symlinks are never followed.
 *
 * <p>Paths given to this service are absolute; {@code root} parameters name a registered location
 * exactly (see {@link #locate}). An unknown root or a bad argument raises {@link IndexException}.
 */
@ProviderType
public interface FileIndex {

    /**
     * Registers a directory tree for indexing and watching and starts its first scan in the
     * background; returns at once. If {@code path} lies inside an existing location (or is its
     * root), that location is returned and nothing new is registered.
     *
     * @throws IndexException if the path is not absolute or not an existing directory
     */
    default IndexedLocation register(Path path) {
        return register(path, List.of());
    }

    /**
     * Registers a directory tree as {@link #register(Path)} does, with the subtrees that {@link
     * #prune} leaves out set before its first scan starts. If the location exists, its pruning is
     * set as {@link #prune} sets it.
     *
     * @param prune the ignore rules of every user of the location, relative to its root
     * @throws IndexException if the path is not absolute or not an existing directory
     */
    IndexedLocation register(Path path, Collection<IgnoreRules> prune);

    /**
     * Leaves out of a location what every one of its users ignores: a path that each rule set
     * ignores without {@code (?d)} is pruned. A pruned directory is indexed as one entry (its own
     * facts), neither listed, hashed nor watched below; a pruned file is indexed without a hash. An
     * empty collection, or one rule set that is empty, prunes nothing. {@code (?d)} content stays
     * indexed, since removing it with its directory re-checks each entry. The rules are stored with
     * the location; when they change, the location is rescanned in the background, so that content
     * newly left out leaves the index and content newly let in is indexed.
     *
     * @throws IndexException if the root is not a registered location
     */
    void prune(Path root, Collection<IgnoreRules> ruleSets);

    /** The rule sets that prune a location (see {@link #prune}); empty if none. */
    List<IgnoreRules> pruning(Path root);

    /**
     * Stops indexing a location and forgets its entries (the files are untouched).
     *
     * @return whether the location was registered
     */
    boolean unregister(Path root);

    /** All locations, ordered by root. */
    List<IndexedLocation> locations();

    /** The location with exactly this root. */
    Optional<IndexedLocation> location(Path root);

    /** The location containing an absolute path (the innermost if several do), and the path relative to it. */
    Optional<LocatedPath> locate(Path path);

    /** The entry (live or tombstone) at a relative path of a location. */
    Optional<IndexEntry> entry(Path root, String relativePath);

    /**
     * A reader for many single-entry lookups in one location, on one connection; close it.
     *
     * @throws IndexException if the root is not a registered location
     */
    default IndexReader reader(Path root) {
        location(root).orElseThrow(() -> new IndexException(root + " is not a registered location"));
        return new IndexReader() {
            @Override
            public Optional<IndexEntry> entry(String relativePath) {
                return FileIndex.this.entry(root, relativePath);
            }

            @Override
            public void close() {}
        };
    }

    /**
     * The live entries (no tombstones) of a location at or under a relative prefix ({@code ""}
     * for all; {@code "a/b"} for {@code a/b} itself and everything under {@code a/b/}), streamed
     * from the database in {@link IndexEntry#PATH_ORDER}. The stream holds a database connection:
     * close it (try-with-resources).
     */
    Stream<IndexEntry> entries(Path root, String prefix);

    /**
     * How many live entries lie strictly under a prefix of a location ({@code ""}: the whole
     * location), and how many of them are not directories: what {@link #entries} would stream,
     * without reading the entries.
     */
    default EntryCount count(Path root, String prefix) {
        long[] counts = new long[2];
        try (Stream<IndexEntry> under = entries(root, prefix)) {
            under.filter(entry -> !entry.path().equals(prefix)).forEach(entry -> {
                counts[0]++;
                if (entry.kind() != EntryKind.DIRECTORY) {
                    counts[1]++;
                }
            });
        }
        return new EntryCount(counts[0], counts[1]);
    }

    /**
     * The entries of a location at or under a prefix whose sequence is greater than {@code
     * afterSequence}, tombstones included, in ascending sequence order. Each path appears once,
     * with its latest state. Close the stream.
     */
    Stream<IndexEntry> changesSince(Path root, String prefix, long afterSequence);

    /**
     * Announces a file a copy has just renamed into place: {@code witness} is what it read right
     * after the rename, {@code hash} the content hash ({@link
     * org.filesync.api.path.EntryFacts#HASH_ALGORITHM}, lower-case hex) it computed while writing.
     * The next time the index looks at the file (its watcher event, a rescan that is not deep), it
     * takes that hash without reading the file if the witness it reads then is exactly this one, and
     * hashes the file as usual otherwise. An announcement is used once; the index keeps a bounded
     * number of them and may drop any, so that it never costs more than a hash. A file in no
     * location is ignored, and so is every call by an index that does not keep announcements, as
     * this default does.
     *
     * @throws IndexException if the path is not absolute or the hash is not hexadecimal
     */
    default void expectWritten(Path file, Witness witness, String hash) {}

    /**
     * Rescans a location or a subtree of one (the innermost location containing {@code path})
     * and returns once the result is written. Only files whose size, mtime or inode changed are
     * hashed.
     *
     * @throws IndexException if the path is in no location or the rescan failed
     */
    default void rescan(Path path) {
        rescan(path, false);
    }

    /**
     * Like {@link #rescan(Path)}; with {@code deep}, every file is hashed again.
     *
     * @throws IndexException if the path is in no location, the rescan failed or the calling
     *     thread was interrupted
     */
    void rescan(Path path, boolean deep);

    /**
     * Rescans exactly these paths of a location (relative to its root) and returns once the result
     * is written: each path is looked at as the watcher looks at an event for it, except that a file
     * is hashed only when its size, mtime or inode changed; a path that is gone becomes a tombstone
     * with everything under it, a new or replaced directory is scanned whole, and the parent
     * directories of the paths have their own facts refreshed. Their other children are left to
     * the watcher. Much cheaper than a rescan of the location when the paths are few against its
     * size; {@code ""} among them rescans the whole location.
     *
     * @throws IndexException if the root is not a registered location, a path is not relative or
     *     lies inside a skipped folder, the rescan failed or the calling thread was interrupted
     */
    default void rescan(Path root, Collection<String> relativePaths) {
        location(root).orElseThrow(() -> new IndexException(root + " is not a registered location"));
        for (String relativePath : relativePaths) {
            rescan(relativePath.isEmpty() ? root : root.resolve(relativePath));
        }
    }

    /**
     * Cancels the running and queued scans of a location (those started by {@link #rescan} then
     * fail with an {@link IndexException}). What they wrote stays; until a full scan completes the
     * work (by {@link #rescan}, the periodic safety rescan or the next start), the location is in
     * an error state and not settled. Watcher events are still applied.
     *
     * @return whether a scan was running or queued
     */
    boolean cancelScans(Path root);

    /** Whether a location is settled, and what is pending if it is not. */
    IndexStatus status(Path root);

    /**
     * Makes the pending watcher events of a location due at once instead of at the end of their
     * debounce window, once the events of changes made before the call have arrived. Returns
     * without waiting for them to be applied ({@link #awaitSettled} does). For a caller that knows
     * the writes behind the events are complete, such as the verification of a generation.
     *
     * @throws IndexException if the root is not a registered location
     * @throws InterruptedException if the calling thread is interrupted
     */
    void flushEvents(Path root) throws InterruptedException;

    /**
     * Waits until a location is settled or the timeout passes. It waits at least a few tens of
     * milliseconds (never longer than the timeout), so that the filesystem events of changes made
     * just before the call are counted.
     *
     * @return the status at the end of the wait: {@link IndexStatus#settled()} tells which
     * @throws InterruptedException if the waiting thread is interrupted
     */
    IndexStatus awaitSettled(Path root, Duration timeout) throws InterruptedException;
}
