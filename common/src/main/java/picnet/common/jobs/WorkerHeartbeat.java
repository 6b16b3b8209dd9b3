package picnet.common.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a worker announces every few seconds: the models it serves, its capacity and load, and whether it
 * takes training jobs ({@code trains}; null in heartbeats of workers older than the field) and which one it
 * trains now ({@code trainingJob}, null when none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerHeartbeat(String workerId, List<String> models, String defaultModel, int capacity, int busy,
                              long at, long intervalMs, Boolean trains, String trainingJob) {
    /** A heartbeat of a worker that takes no training jobs. */
    public WorkerHeartbeat(String workerId, List<String> models, String defaultModel, int capacity, int busy,
                           long at, long intervalMs) {
        this(workerId, models, defaultModel, capacity, busy, at, intervalMs, false, null);
    }
}
