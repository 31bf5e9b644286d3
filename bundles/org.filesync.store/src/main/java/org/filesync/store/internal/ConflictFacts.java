package org.filesync.store.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.filesync.api.ConflictSide;
import org.filesync.api.path.EntryKind;

/** One side's facts of a conflict in one column: {@code kind|size|mtimeMillis|hash}. */
final class ConflictFacts {

    private ConflictFacts() {}

    static String encode(Optional<ConflictSide> side) {
        return side.map(s -> s.kind().label() + "|" + s.size() + "|"
                        + s.modified().toEpochMilli() + "|" + s.hash().orElse(""))
                .orElse(null);
    }

    static Optional<ConflictSide> decode(String column) {
        if (column == null) {
            return Optional.empty();
        }
        String[] parts = column.split("\\|", -1);
        return Optional.of(new ConflictSide(
                EntryKind.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                Long.parseLong(parts[1]),
                Instant.ofEpochMilli(Long.parseLong(parts[2])),
                parts[3].isEmpty() ? Optional.empty() : Optional.of(parts[3])));
    }
}
