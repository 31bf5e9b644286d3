package org.filesync.resolver.conflict;

/** The kinds of conflict of a bidirectional resolution (docs/sync-modes.md). */
public enum ConflictType {
    /** Both ends changed the entry (or created it) with different content. */
    BOTH_MODIFIED("both_modified"),
    /** One end deleted the entry while the other changed it. */
    DELETED_VS_MODIFIED("deleted_vs_modified"),
    /** The ends hold entries of different kinds (a file and a directory, …). */
    TYPE_MISMATCH("type_mismatch");

    private final String label;

    ConflictType(String label) {
        this.label = label;
    }

    /** The name users see, e.g. {@code both_modified}. */
    public String label() {
        return label;
    }
}
