package org.filesync.jobs;

import java.util.Locale;

/** The life-cycle state of a job. */
public enum JobState {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** Whether the job is over (it will not change state again). */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name used in events, records and displays, e.g. {@code running}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
