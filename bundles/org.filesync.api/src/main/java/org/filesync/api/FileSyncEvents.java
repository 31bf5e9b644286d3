package org.filesync.api;

/** Topics and property names of the events filesync posts on OSGi EventAdmin. */
public final class FileSyncEvents {

    /** Prefix of every filesync topic. */
    public static final String TOPIC_PREFIX = "filesync/";

    public static final String CONDUIT_CREATED = "filesync/conduit/CREATED";
    public static final String CONDUIT_UPDATED = "filesync/conduit/UPDATED";
    public static final String CONDUIT_DELETED = "filesync/conduit/DELETED";

    /** Property: the conduit id, a {@code Long}. */
    public static final String PROPERTY_CONDUIT_ID = "conduit.id";

    /** Property: the conduit uuid, a {@code String}. */
    public static final String PROPERTY_CONDUIT_UUID = "conduit.uuid";

    private FileSyncEvents() {}
}
