package picnet.common.jobs;

import java.util.List;

/** What a worker announces every few seconds: the models it serves, its capacity and load. */
public record WorkerHeartbeat(String workerId, List<String> models, String defaultModel, int capacity, int busy,
                              long at, long intervalMs) {}
