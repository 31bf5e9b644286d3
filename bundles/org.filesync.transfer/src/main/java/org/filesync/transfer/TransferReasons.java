package org.filesync.transfer;

/** The reason codes of failed or skipped items, as found in {@link org.filesync.jobs.ItemError#reason()}. */
public final class TransferReasons {

    /** The entry changed since the plan saw it; it was kept as it is. */
    public static final String CHANGED_SINCE_PLAN = "changed-since-plan";
    /** The source disappeared before it could be read. */
    public static final String SOURCE_VANISHED = "source-vanished";
    /** The source changed while it was copied, or its hash differs from the plan's. */
    public static final String SOURCE_CHANGED = "source-changed";

    public static final String PERMISSION_DENIED = "permission-denied";
    /** No space left on the target's filesystem. */
    public static final String DISK_FULL = "disk-full";

    public static final String NAME_TOO_LONG = "name-too-long";
    /** The path is outside the endpoint, or inside its {@code .filesync} folder. */
    public static final String OUTSIDE_ENDPOINT = "outside-endpoint";
    /** A directory on the way to the path is a symbolic link: nothing is written through it. */
    public static final String SYMLINK_IN_PATH = "symlink-in-path";
    /** A directory to delete holds entries the plan did not expect. */
    public static final String NOT_EMPTY = "not-empty";
    /** The copy read back differs from the source (size or hash). */
    public static final String VERIFICATION_FAILED = "verification-failed";
    /** The job was cancelled before the item was done. */
    public static final String CANCELLED = "cancelled";
    /** Any other I/O error; the message says which. */
    public static final String IO_ERROR = "io-error";

    private TransferReasons() {}
}
