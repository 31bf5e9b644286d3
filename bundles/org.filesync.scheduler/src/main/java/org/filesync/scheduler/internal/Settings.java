package org.filesync.scheduler.internal;

import java.time.Duration;

/** The scheduler's configuration, read once per change. */
record Settings(Duration maxDelay, Duration catchUp, Duration backoffMin, Duration backoffMax, Duration endpointCheck) {

    static Settings of(SchedulerConfig config) {
        Duration min = Duration.ofSeconds(Math.max(1, config.backoff_min_seconds()));
        return new Settings(
                Duration.ofSeconds(Math.max(1, config.max_delay_seconds())),
                Duration.ofSeconds(Math.max(0, config.catch_up_seconds())),
                min,
                Duration.ofSeconds(Math.max(min.toSeconds(), config.backoff_max_seconds())),
                Duration.ofSeconds(Math.max(1, config.endpoint_check_seconds())));
    }

    /** The wait before the retry that follows {@code failures} failed runs in a row: doubling, capped. */
    Duration backoff(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        Duration wait = backoffMin;
        for (int i = 1; i < failures && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}
