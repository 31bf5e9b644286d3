package org.filesync.store;

import java.util.Collection;
import java.util.List;

/**
 * Changes to a conduit's baseline.
 *
 * @param record the entries to record, replacing those at the same paths
 * @param forget the paths to forget
 */
public record BaselineChanges(List<BaselineRecord> record, List<String> forget) {

    /** No change. */
    public static final BaselineChanges NONE = new BaselineChanges(List.of(), List.of());

    public BaselineChanges {
        record = List.copyOf(record);
        forget = List.copyOf(forget);
    }

    /** Changes recording and forgetting the given entries and paths. */
    public static BaselineChanges of(Collection<BaselineRecord> record, Collection<String> forget) {
        return new BaselineChanges(List.copyOf(record), List.copyOf(forget));
    }

    /** Whether there is nothing to change. */
    public boolean isEmpty() {
        return record.isEmpty() && forget.isEmpty();
    }
}
