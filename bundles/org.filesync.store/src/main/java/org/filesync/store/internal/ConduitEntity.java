package org.filesync.store.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.TableGenerator;
import javax.persistence.Version;

/** A conduit row. Mutable for JPA only; it never leaves this bundle. */
@Entity
@Table(name = "FS_CONDUIT")
class ConduitEntity {

    @Id
    @TableGenerator(
            name = "conduitIds",
            table = "FS_SEQUENCE",
            pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE",
            pkColumnValue = "CONDUIT",
            initialValue = 0,
            allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "conduitIds")
    long id;

    @Version
    long version;

    @Column(nullable = false, length = 36)
    String uuid;

    @Column(name = "SOURCE_PATH", nullable = false, length = 4096)
    String sourcePath;

    @Column(name = "TARGET_PATH", nullable = false, length = 4096)
    String targetPath;

    @Column(nullable = false, length = 64)
    String mode;

    @Column(name = "CONFLICT_STRATEGY", nullable = false, length = 64)
    String conflictStrategy;

    @Column(name = "DELETE_STRATEGY", nullable = false, length = 64)
    String deleteStrategy;

    @Column(nullable = false, length = 64)
    String schedule;

    /** The quiet time of an instant schedule in ms; null when not instant. */
    @Column(name = "INSTANT_DELAY_MS")
    Long instantDelayMillis;

    /** Epoch milliseconds of the next scheduled run, null when none is due at a known time. */
    @Column(name = "NEXT_RUN")
    Long nextRun;

    /** Scheduled runs failed in a row; null (0) in rows from before the scheduler. */
    @Column(name = "SCHEDULE_FAILURES")
    Integer scheduleFailures;

    /** Why the scheduler holds the conduit, null when it does not. */
    @Column(name = "HOLD_REASON", length = 2000)
    String holdReason;

    @Column(name = "PARALLEL_TRANSFERS")
    int parallelTransfers;

    @Column(name = "BANDWIDTH_LIMIT")
    long bandwidthLimit;

    @Column(name = "MAX_DELETE_PERCENT")
    int maxDeletePercent;

    boolean enabled;

    @Column(name = "VERIFY_RETRY")
    boolean verifyRetry;

    /** The ignore patterns, one per line; {@code null} for none. */
    @Lob
    @Column(name = "IGNORE_RULES")
    String ignoreRules;

    /** Index sequences at the last verified agreement, null before one. */
    @Column(name = "CHECKPOINT_SOURCE")
    Long checkpointSource;

    @Column(name = "CHECKPOINT_TARGET")
    Long checkpointTarget;

    /** The fingerprint of the ignore rules at the checkpoint; null (none) in rows from before the rules. */
    @Column(name = "CHECKPOINT_RULES", length = 64)
    String checkpointRules;

    /** Epoch milliseconds, null before the first completed run. */
    @Column(name = "LAST_COMPLETED")
    Long lastCompleted;

    @Column(name = "CURRENT_GENERATION")
    long currentGeneration;

    @Column(name = "LAST_ERROR", length = 4000)
    String lastError;

    @Column(name = "TOTAL_SYNCS")
    long totalSyncs;

    @Column(name = "FILES_SYNCED")
    long filesSynced;

    @Column(name = "BYTES_SYNCED")
    long bytesSynced;
}
