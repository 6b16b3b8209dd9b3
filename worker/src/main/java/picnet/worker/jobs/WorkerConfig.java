package picnet.worker.jobs;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import picnet.common.kafka.KafkaSettings;

/**
 * The configuration of a {@link CompletionWorkerVerticle} and a {@link TrainingWorkerVerticle}, read from
 * their deployment config. Every key is a constant here with its default, except the {@code kafka.*}
 * ones of {@link KafkaSettings}.
 */
public record WorkerConfig(KafkaSettings kafka, String workerId, String groupId, int capacity, int maxAttempts,
                           long heartbeatMs, long pollMs, int sessionTimeoutMs, int maxPollIntervalMs,
                           long maxJobMinutes, long sendTimeoutMs, long startTimeoutMs, String modelsDir,
                           boolean training, String trainingGroupId, String runsDir, String datasetsDir,
                           long trainingProgressMs) {
    /** This worker's id in heartbeats and started events; default: $HOSTNAME plus a random suffix. */
    public static final String WORKER_ID = "worker.id";
    /** The consumer group that workers share. */
    public static final String WORKER_GROUP = "worker.group";
    public static final String DEFAULT_WORKER_GROUP = "picnet-workers";
    /** Jobs this worker runs at once; it pauses its partitions while that many are running. */
    public static final String WORKER_CAPACITY = "worker.capacity";
    public static final int DEFAULT_WORKER_CAPACITY = 1;
    /** Attempts of one job (throws, or workers stopped during it) before it ends failed. */
    public static final String WORKER_MAX_ATTEMPTS = "worker.max-attempts";
    public static final int DEFAULT_WORKER_MAX_ATTEMPTS = 3;
    public static final String WORKER_HEARTBEAT_MS = "worker.heartbeat-ms";
    public static final long DEFAULT_WORKER_HEARTBEAT_MS = 5_000;
    /** How long one poll of the request topic waits for records. */
    public static final String WORKER_POLL_MS = "worker.poll-ms";
    public static final long DEFAULT_WORKER_POLL_MS = 200;
    /** Kafka session timeout: how soon a crashed worker's jobs go to another worker. */
    public static final String WORKER_SESSION_TIMEOUT_MS = "worker.session-timeout-ms";
    public static final int DEFAULT_WORKER_SESSION_TIMEOUT_MS = 30_000;
    /**
     * Kafka max.poll.interval.ms. The worker keeps polling (paused) while it samples, so this does not
     * bound a job's length; it bounds how long a stuck event loop keeps its partitions.
     */
    public static final String WORKER_MAX_POLL_INTERVAL_MS = "worker.max-poll-interval-ms";
    public static final int DEFAULT_WORKER_MAX_POLL_INTERVAL_MS = 300_000;
    /** Longest one job may run on the sampling executor before Vert.x warns. */
    public static final String WORKER_MAX_JOB_MINUTES = "worker.max-job-minutes";
    public static final long DEFAULT_WORKER_MAX_JOB_MINUTES = 60;
    /** Producer delivery timeout for events. */
    public static final String WORKER_SEND_TIMEOUT_MS = "worker.send-timeout-ms";
    public static final long DEFAULT_WORKER_SEND_TIMEOUT_MS = 120_000;

    /** How long start() waits for Kafka to become reachable. */
    public static final String WORKER_START_TIMEOUT_MS = "worker.start-timeout-ms";
    public static final long DEFAULT_WORKER_START_TIMEOUT_MS = 60_000;

    /** Folder of model directories this worker serves; trainings export their model into it. */
    public static final String WORKER_MODELS_DIR = "worker.models-dir";
    public static final String DEFAULT_WORKER_MODELS_DIR = "models";
    /** Whether this worker also takes training jobs (one at a time) besides completions. */
    public static final String WORKER_TRAINING = "worker.training";
    public static final boolean DEFAULT_WORKER_TRAINING = true;
    /** The consumer group of the workers that train: separate, so completions never wait behind a training. */
    public static final String WORKER_TRAINING_GROUP = "worker.training-group";
    public static final String DEFAULT_WORKER_TRAINING_GROUP = "picnet-trainers";
    /** Where training runs live: {@code <runs>/<run name>/checkpoints, previews}. Shared storage lets another machine resume. */
    public static final String WORKER_RUNS_DIR = "worker.runs-dir";
    public static final String DEFAULT_WORKER_RUNS_DIR = "runs";
    /** What a training job's relative {@code dataset} (and {@code folder:} masks) resolve against. */
    public static final String WORKER_DATASETS_DIR = "worker.datasets-dir";
    public static final String DEFAULT_WORKER_DATASETS_DIR = "datasets";
    /** At most one training progress event per this many milliseconds (the last step is always sent). */
    public static final String WORKER_TRAINING_PROGRESS_MS = "worker.training-progress-ms";
    public static final long DEFAULT_WORKER_TRAINING_PROGRESS_MS = 1_000;

    public static WorkerConfig from(JsonObject c) {
        return new WorkerConfig(
                KafkaSettings.from(c),
                c.getString(WORKER_ID, defaultWorkerId()),
                c.getString(WORKER_GROUP, DEFAULT_WORKER_GROUP),
                c.getInteger(WORKER_CAPACITY, DEFAULT_WORKER_CAPACITY),
                c.getInteger(WORKER_MAX_ATTEMPTS, DEFAULT_WORKER_MAX_ATTEMPTS),
                c.getLong(WORKER_HEARTBEAT_MS, DEFAULT_WORKER_HEARTBEAT_MS),
                c.getLong(WORKER_POLL_MS, DEFAULT_WORKER_POLL_MS),
                c.getInteger(WORKER_SESSION_TIMEOUT_MS, DEFAULT_WORKER_SESSION_TIMEOUT_MS),
                c.getInteger(WORKER_MAX_POLL_INTERVAL_MS, DEFAULT_WORKER_MAX_POLL_INTERVAL_MS),
                c.getLong(WORKER_MAX_JOB_MINUTES, DEFAULT_WORKER_MAX_JOB_MINUTES),
                c.getLong(WORKER_SEND_TIMEOUT_MS, DEFAULT_WORKER_SEND_TIMEOUT_MS),
                c.getLong(WORKER_START_TIMEOUT_MS, DEFAULT_WORKER_START_TIMEOUT_MS),
                c.getString(WORKER_MODELS_DIR, DEFAULT_WORKER_MODELS_DIR),
                c.getBoolean(WORKER_TRAINING, DEFAULT_WORKER_TRAINING),
                c.getString(WORKER_TRAINING_GROUP, DEFAULT_WORKER_TRAINING_GROUP),
                c.getString(WORKER_RUNS_DIR, DEFAULT_WORKER_RUNS_DIR),
                c.getString(WORKER_DATASETS_DIR, DEFAULT_WORKER_DATASETS_DIR),
                c.getLong(WORKER_TRAINING_PROGRESS_MS, DEFAULT_WORKER_TRAINING_PROGRESS_MS));
    }

    public WorkerConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException(WORKER_CAPACITY + " must be at least 1, got " + capacity);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(WORKER_MAX_ATTEMPTS + " must be at least 1, got " + maxAttempts);
        }
    }

    /** The host name from the environment (no DNS lookup on the event loop) plus a random suffix. */
    private static String defaultWorkerId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "worker");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
