package org.filesync.store.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

/** A conflict row. Mutable for JPA only; it never leaves this bundle. */
@Entity
@Table(name = "FS_CONFLICT", indexes = @Index(name = "FS_CONFLICT_OF_CONDUIT", columnList = "CONDUIT_ID, STATUS"))
class ConflictEntity {

    @Id
    @TableGenerator(
            name = "conflictIds",
            table = "FS_SEQUENCE",
            pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE",
            pkColumnValue = "CONFLICT",
            initialValue = 0,
            allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "conflictIds")
    long id;

    @Column(name = "CONDUIT_ID", nullable = false)
    long conduitId;

    @Column(name = "GENERATION_NUMBER", nullable = false)
    long generation;

    @Column(name = "PATH", length = 32000, nullable = false)
    String path;

    @Column(name = "CONFLICT_TYPE", length = 32, nullable = false)
    String type;

    /** {@code kind|size|mtimeMillis|hash}, null when the source deleted the entry. */
    @Column(name = "SOURCE_FACTS", length = 512)
    String sourceFacts;

    /** Like {@link #sourceFacts}, for the target. */
    @Column(name = "TARGET_FACTS", length = 512)
    String targetFacts;

    @Column(name = "STATUS", length = 16, nullable = false)
    String status;

    @Column(name = "RESOLUTION", length = 16)
    String resolution;

    @Column(name = "RESOLVED_BY", length = 255)
    String resolvedBy;

    /** Epoch milliseconds. */
    long detected;

    /** Epoch milliseconds, null while pending. */
    Long resolved;

    /** Whether a user's decision still waits for a generation to apply it. */
    @Column(name = "AWAITS_APPLY")
    boolean awaitsApply;
}
