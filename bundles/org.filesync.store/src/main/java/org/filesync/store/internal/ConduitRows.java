package org.filesync.store.internal;

import java.util.Arrays;
import java.util.List;
import javax.persistence.EntityManager;
import org.filesync.api.ConduitNotFoundException;

/** What every aggregate does with a conduit's row and its text columns. */
final class ConduitRows {

    private static final int MAX_ERROR_LENGTH = 4000;

    private ConduitRows() {}

    static ConduitEntity find(EntityManager em, long id) {
        ConduitEntity entity = em.find(ConduitEntity.class, id);
        if (entity == null) {
            throw new ConduitNotFoundException(id);
        }
        return entity;
    }

    /** Forgets the agreed state of a conduit's ends: its next resolution reads both ends in full. */
    static void forgetCheckpoint(ConduitEntity entity) {
        entity.checkpointSource = null;
        entity.checkpointTarget = null;
        entity.checkpointRules = null;
    }

    /** The lines of a text column joined with newlines; none for {@code null}. */
    static List<String> lines(String column) {
        return column == null ? List.of() : Arrays.asList(column.split("\n"));
    }

    /** Lines joined into a text column; {@code null} for none. */
    static String column(List<String> lines) {
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        return error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
