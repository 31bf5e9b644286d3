package org.filesync.api;

/** Topics and property names of the events filesync posts on OSGi EventAdmin. */
public final class FileSyncEvents {

    /** Prefix of every filesync topic. */
    public static final String TOPIC_PREFIX = "filesync/";

    public static final String CONDUIT_CREATED = "filesync/conduit/CREATED";
    public static final String CONDUIT_UPDATED = "filesync/conduit/UPDATED";
    public static final String CONDUIT_DELETED = "filesync/conduit/DELETED";

    public static final String SYNC_STARTED = "filesync/sync/STARTED";
    public static final String SYNC_PROGRESS = "filesync/sync/PROGRESS";
    public static final String SYNC_COMPLETED = "filesync/sync/COMPLETED";
    public static final String SYNC_FAILED = "filesync/sync/FAILED";

    public static final String VERIFICATION_COMPLETED = "filesync/verification/COMPLETED";

    /** A conflict was detected (also when a strategy resolved it at once). */
    public static final String CONFLICT_DETECTED = "filesync/conflict/DETECTED";

    /** A conflict was resolved, by a strategy or a user. */
    public static final String CONFLICT_RESOLVED = "filesync/conflict/RESOLVED";

    /** A scheduler started a run (property {@link #PROPERTY_TRIGGER}). */
    public static final String SCHEDULE_STARTED = "filesync/schedule/STARTED";

    /** A scheduler holds a conduit until a person syncs or changes it (property {@link #PROPERTY_REASON}). */
    public static final String SCHEDULE_HELD = "filesync/schedule/HELD";

    /** A scheduler no longer holds a conduit (property {@link #PROPERTY_REASON}: why). */
    public static final String SCHEDULE_RELEASED = "filesync/schedule/RELEASED";

    /** Property: what started a run, a {@link Trigger#label()}; on sync and schedule events. */
    public static final String PROPERTY_TRIGGER = "trigger";

    /** Property: the path of a conflict, relative to the conduit ends, a {@code String}. */
    public static final String PROPERTY_PATH = "path";

    /** Property: the type of a conflict ({@code both_modified} …), a {@code String}. */
    public static final String PROPERTY_CONFLICT_TYPE = "conflict.type";

    /** Property: a conflict's resolution ({@code source}, {@code target}, {@code both} or {@code pending}). */
    public static final String PROPERTY_RESOLUTION = "resolution";

    /** Property: the verification status of a generation, a {@code String}. */
    public static final String PROPERTY_VERIFICATION = "verification";

    /** Property: the generation number, a {@code Long}. */
    public static final String PROPERTY_GENERATION = "generation";

    /**
     * Property of a {@link #SYNC_PROGRESS} event: what the run does now within its phase ({@link
     * SyncProgress#activity()}), a {@code String}; absent when the phase says it all.
     */
    public static final String PROPERTY_ACTIVITY = "activity";

    /** Property: why a run failed, a {@code String}. */
    public static final String PROPERTY_REASON = "reason";

    /** Property: the conduit id, a {@code Long}. */
    public static final String PROPERTY_CONDUIT_ID = "conduit.id";

    /** Property: the conduit uuid, a {@code String}. */
    public static final String PROPERTY_CONDUIT_UUID = "conduit.uuid";

    private FileSyncEvents() {}
}
