package org.filesync.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a job.
 *
 * @param id the job id, unique across backends
 * @param type the job's {@link Job#type()}
 * @param description the job's {@link Job#description()}
 * @param backend the name of the backend that runs it
 * @param state the state at the time of the snapshot
 * @param reason why it failed or was cancelled ({@code interrupted} for a job that was running
 *     when the container stopped), empty otherwise
 * @param progress progress at the time of the snapshot
 * @param created when it was dispatched
 * @param started when it started running, if it did
 * @param finished when it ended, if it did
 * @param result what the job returned, if it returned
 */
public record JobStatus(
        String id,
        String type,
        String description,
        String backend,
        JobState state,
        String reason,
        JobProgress progress,
        Instant created,
        Optional<Instant> started,
        Optional<Instant> finished,
        Optional<JobResult> result) {

    public JobStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(result, "result");
    }

    /** The state with its reason, e.g. {@code failed:interrupted} or {@code running}. */
    public String describe() {
        return reason.isEmpty() ? state.label() : state.label() + ":" + reason;
    }
}
