package org.filesync.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the scheduler (PID {@code org.filesync.scheduler}). */
@ObjectClassDefinition(name = "filesync scheduler", description = "When instant and interval conduits sync")
@interface SchedulerConfig {

    @AttributeDefinition(
            name = "Maximum delay (seconds)",
            description = "An instant conduit syncs at the latest this long after its first unsynced change,"
                    + " even if its ends never go quiet")
    long max_delay_seconds() default 60;

    @AttributeDefinition(
            name = "Catch-up delay (seconds)",
            description = "How soon a new, changed or overdue conduit makes its first run, and how soon after"
                    + " start a missed interval is run")
    long catch_up_seconds() default 5;

    @AttributeDefinition(
            name = "First backoff (seconds)",
            description = "The wait before retrying a failed scheduled run; it doubles with each failure")
    long backoff_min_seconds() default 30;

    @AttributeDefinition(name = "Longest backoff (seconds)", description = "The longest wait between retries")
    long backoff_max_seconds() default 3600;

    @AttributeDefinition(
            name = "Endpoint check (seconds)",
            description = "How often a conduit held for a missing endpoint looks whether it is back")
    long endpoint_check_seconds() default 5;
}
