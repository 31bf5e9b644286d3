package org.filesync.index.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.filesync.api.path.EntryKind;
import org.filesync.api.path.Witness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a copy wrote, each with the {@link Witness} it read right after its rename and the
 * hash it computed while writing. A file whose witness, read again when the index looks at it, is
 * exactly the recorded one takes that hash without being read; any difference means it was written
 * since, and it is hashed as usual. A record is used at most once and forgotten when it does not
 * match; the table keeps at most {@code limit} records, dropping the oldest. Thread-safe.
 */
final class WrittenWitnesses {

    /** How many records the index keeps by default. */
    static final int LIMIT = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(WrittenWitnesses.class);
    private static final HexFormat HEX = HexFormat.of();

    /** The hash as its bytes: half the memory of its hexadecimal text. */
    private record Written(Witness witness, byte[] hash) {}

    private final int limit;
    private final Map<Path, Written> table = new LinkedHashMap<>();

    WrittenWitnesses(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /**
     * Records what the copy wrote at an absolute, normalized path, replacing an earlier record.
     *
     * @param hash the content hash in hexadecimal (an even number of digits)
     */
    synchronized void record(Path file, Witness witness, String hash) {
        table.remove(file); // a new record goes to the young end
        table.put(file, new Written(witness, HEX.parseHex(hash)));
        Iterator<Path> oldest = table.keySet().iterator();
        while (table.size() > limit) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * The recorded hash of {@code file} if its facts {@code found} (read just before) and its
     * witness read now are exactly the recorded ones; the record is gone afterwards either way.
     */
    Optional<String> take(Path file, Row found) {
        Written written;
        synchronized (this) {
            written = table.remove(file);
        }
        if (written == null) {
            return Optional.empty();
        }
        Witness recorded = written.witness();
        if (found.kind() != EntryKind.FILE
                || found.size() != recorded.size()
                || found.mtime() != recorded.mtimeNanos()
                || found.inode() != recorded.inode()
                || !witnessNow(file).equals(Optional.of(recorded))) {
            LOG.debug("{}: hashed, its witness differs from the one the copy recorded", file);
            return Optional.empty();
        }
        LOG.debug("{}: the copy's hash taken, its witness is the one the copy recorded", file);
        return Optional.of(HEX.formatHex(written.hash()));
    }

    private static Optional<Witness> witnessNow(Path file) {
        try {
            return Witness.read(file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Forgets the records of every file under {@code root} (a location removed). */
    synchronized void forgetUnder(Path root) {
        table.keySet().removeIf(file -> file.startsWith(root));
    }

    /** How many records are kept now. */
    synchronized int size() {
        return table.size();
    }
}
