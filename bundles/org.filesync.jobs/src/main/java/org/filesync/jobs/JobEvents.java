package org.filesync.jobs;

/**
 * Topics and property names of the events job backends post on OSGi EventAdmin: one event per
 * state change ({@code filesync/job/QUEUED}, {@code …/RUNNING}, {@code …/COMPLETED}, {@code
 * …/FAILED}, {@code …/CANCELLED}) and throttled {@code filesync/job/PROGRESS} events.
 */
public final class JobEvents {

    /** Prefix of every job topic; subscribe to {@code filesync/job/*} for all. */
    public static final String TOPIC_PREFIX = "filesync/job/";

    /** Topic of throttled progress events. */
    public static final String TOPIC_PROGRESS = TOPIC_PREFIX + "PROGRESS";

    public static final String PROPERTY_JOB_ID = "job.id";
    public static final String PROPERTY_JOB_TYPE = "job.type";
    public static final String PROPERTY_JOB_BACKEND = "job.backend";
    /** The state label, e.g. {@code running}. */
    public static final String PROPERTY_STATE = "job.state";
    /** The reason of a failure or cancellation, empty otherwise. */
    public static final String PROPERTY_REASON = "job.reason";

    public static final String PROPERTY_ITEMS_DONE = "items.done";
    public static final String PROPERTY_ITEMS_TOTAL = "items.total";
    public static final String PROPERTY_BYTES_DONE = "bytes.done";
    public static final String PROPERTY_BYTES_TOTAL = "bytes.total";
    public static final String PROPERTY_BYTES_PER_SECOND = "bytes.per.second";
    public static final String PROPERTY_ERROR_COUNT = "errors";

    /** The topic of a state-change event. */
    public static String topic(JobState state) {
        return TOPIC_PREFIX + state.name();
    }

    private JobEvents() {}
}
