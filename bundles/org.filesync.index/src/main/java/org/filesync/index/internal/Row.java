package org.filesync.index.internal;

import java.util.Objects;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.IndexEntry;

/** One entry as stored; {@code hash}, {@code target} and {@code error} may be null. */
record Row(
        String path,
        EntryKind kind,
        long size,
        long mtime,
        int mode,
        String target,
        long inode,
        String hash,
        long seq,
        boolean deleted,
        String error) {

    static Row facts(String path, EntryKind kind, long size, long mtime, int mode, String target, long inode) {
        return new Row(path, kind, size, mtime, mode, target, inode, null, 0, false, null);
    }

    static Row failed(String path, EntryKind kind, String error) {
        return new Row(path, kind, 0, 0, -1, null, -1, null, 0, false, error);
    }

    boolean live() {
        return !deleted;
    }

    /** Whether size, mtime and inode — what decides re-hashing — are those of {@code o}. */
    boolean sameStat(Row o) {
        return o != null && kind == o.kind && size == o.size && mtime == o.mtime && inode == o.inode;
    }

    /** Whether everything but the sequence number equals {@code o}. */
    boolean sameFacts(Row o) {
        return o != null
                && sameStat(o)
                && mode == o.mode
                && deleted == o.deleted
                && Objects.equals(target, o.target)
                && Objects.equals(hash, o.hash)
                && Objects.equals(error, o.error);
    }

    Row withHash(String h) {
        return new Row(path, kind, size, mtime, mode, target, inode, h, seq, deleted, null);
    }

    Row withError(String e) {
        return new Row(path, kind, size, mtime, mode, target, inode, null, seq, deleted, e);
    }

    Row withSeq(long s) {
        return new Row(path, kind, size, mtime, mode, target, inode, hash, s, deleted, error);
    }

    /**
     * The row of a deleted path: its last facts and hash kept (the hash is what a file moved
     * elsewhere in the location takes, see {@link MovedFiles}), never reported.
     */
    Row tombstone() {
        return new Row(path, kind, size, mtime, mode, target, inode, hash, seq, true, null);
    }

    IndexEntry toEntry() {
        return new IndexEntry(
                path,
                new EntryFacts(
                        kind,
                        size,
                        mtime,
                        mode,
                        Optional.ofNullable(target),
                        kind == EntryKind.FILE && !deleted ? Optional.ofNullable(hash) : Optional.empty()),
                inode,
                seq,
                deleted,
                Optional.ofNullable(error));
    }
}
