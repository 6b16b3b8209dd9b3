package picnet.common.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record on the control topic, keyed by job id. {@code cancel}: the job must stop (or be skipped when
 * it arrives). {@code attempt}: a worker is starting attempt {@code attempt} of the job; workers count
 * these durably to give up on a job that keeps failing or killing workers. {@code released}: attempt
 * {@code attempt} ended because its worker stopped cleanly or lost the job's partition, not because of
 * the job, so it does not count against the job (rolling restarts never use a job's attempts up).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlRecord(String type, String jobId, Integer attempt, String worker, long at) {
    public static final String CANCEL = "cancel";
    public static final String ATTEMPT = "attempt";
    public static final String RELEASED = "released";

    public static ControlRecord cancel(String jobId, long at) {
        return new ControlRecord(CANCEL, jobId, null, null, at);
    }

    public static ControlRecord attempt(String jobId, int attempt, String worker, long at) {
        return new ControlRecord(ATTEMPT, jobId, attempt, worker, at);
    }

    public static ControlRecord released(String jobId, int attempt, String worker, long at) {
        return new ControlRecord(RELEASED, jobId, attempt, worker, at);
    }
}
