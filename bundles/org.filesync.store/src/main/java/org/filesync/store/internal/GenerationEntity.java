package org.filesync.store.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

/** A generation row. Mutable for JPA only; it never leaves this bundle. */
@Entity
// (CONDUIT_ID, NUMBER) is unique: numbers come from the conduit row, under its optimistic lock.
@Table(name = "FS_GENERATION", indexes = @Index(name = "FS_GENERATION_OF_CONDUIT", columnList = "CONDUIT_ID, NUMBER"))
class GenerationEntity {

    @Id
    @TableGenerator(
            name = "generationIds",
            table = "FS_SEQUENCE",
            pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE",
            pkColumnValue = "GENERATION",
            initialValue = 0,
            allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "generationIds")
    long id;

    @Column(name = "CONDUIT_ID", nullable = false)
    long conduitId;

    @Column(name = "NUMBER", nullable = false)
    long number;

    /** Epoch milliseconds. */
    long started;

    /** Epoch milliseconds, null while running. */
    Long completed;

    @Column(nullable = false, length = 16)
    String phase;

    @Column(name = "FILES_COPIED")
    long filesCopied;

    @Column(name = "FILES_DELETED")
    long filesDeleted;

    /** Null in rows from before moves were counted (migration 2). */
    @Column(name = "FILES_MOVED")
    Long filesMoved;

    long conflicts;

    long bytes;

    /** One {@code path: reason} per line. */
    @Lob
    @Column(name = "ERRORS")
    String errors;

    /** What started the run ({@code Trigger.label()}); null (manual) in rows from before the scheduler. */
    @Column(name = "TRIGGERED_BY", length = 32)
    String trigger;

    /** How many entries the ignore rules kept out of the plan. */
    @Column(name = "IGNORED")
    Long ignored;

    /** One warning per line; {@code null} for none. */
    @Lob
    @Column(name = "WARNINGS")
    String warnings;

    /** The planned operations, one per line, so that an interrupted run can be reconciled. */
    @Lob
    @Column(name = "PLAN")
    String plan;

    @Column(nullable = false, length = 2000)
    String verification;

    /** Epoch milliseconds, null until verification ended. */
    @Column(name = "VERIFIED_AT")
    Long verifiedAt;
}
