package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.filesync.api.path.EntryKind;

/**
 * The content hash that belongs to a file's facts, for scans and watcher events alike: the stored
 * hash while size, mtime and inode are unchanged; the hash the copy computed while the file's
 * witness is the one it recorded ({@link WrittenWitnesses}); else the file hashed and its facts
 * read again, retried while it changes under the hasher. Thread-safe.
 */
final class StableHasher {

    private static final int HASH_ATTEMPTS = 3;

    /** The result of hashing a file: the row to store (null when it vanished), unstable when it kept changing. */
    record Hashed(Row row, boolean unstable) {}

    private final FileFacts facts;
    private final ContentHasher hasher;
    private final WrittenWitnesses written;

    StableHasher(FileFacts facts, ContentHasher hasher, WrittenWitnesses written) {
        this.facts = facts;
        this.hasher = hasher;
        this.written = written;
    }

    /**
     * The found facts with the hash the copy recorded for {@code file}, when its witness read now
     * is exactly the recorded one (see {@link WrittenWitnesses#take}); empty otherwise.
     */
    Optional<Row> written(Path file, Row found) {
        return written.take(file, found).map(found::withHash);
    }

    /**
     * Hashes a file until its size, mtime and inode are the same before and after reading (at
     * most three tries). The row is null if it vanished, carries an error if it cannot be read.
     */
    Hashed hash(Path file, Row stat) {
        Row before = stat;
        for (int i = 0; i < HASH_ATTEMPTS; i++) {
            String hash;
            try {
                hash = hasher.hash(file);
            } catch (NoSuchFileException e) {
                return new Hashed(null, false);
            } catch (IOException e) {
                return new Hashed(before.withError(FileFacts.reason(e)), false);
            }
            Row after;
            try {
                after = facts.read(file, before.path());
            } catch (NoSuchFileException e) {
                return new Hashed(null, false);
            } catch (IOException e) {
                return new Hashed(before.withError(FileFacts.reason(e)), false);
            }
            if (after.sameStat(before)) {
                return new Hashed(after.withHash(hash), false);
            }
            if (after.kind() != EntryKind.FILE) {
                return new Hashed(after, false);
            }
            before = after;
        }
        return new Hashed(before.withError("changed while being hashed"), true);
    }

    /** Whether the stored row's hash still holds for the found facts: same size, mtime and inode, no error. */
    static boolean storedHashHolds(Row found, Row stored) {
        return stored != null
                && stored.live()
                && stored.hash() != null
                && stored.error() == null
                && found.sameStat(stored);
    }

    /** A pruned file's row: never hashed, the stored hash kept while it holds. */
    static Row unhashed(Row found, Row stored) {
        return storedHashHolds(found, stored) ? found.withHash(stored.hash()) : found;
    }
}
