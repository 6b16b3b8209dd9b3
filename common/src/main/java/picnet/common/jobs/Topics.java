package picnet.common.jobs;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of the job system, named once. A non-empty {@code prefix} lets several picnet
 * installations (or tests) share one Kafka cluster: {@code "<prefix>.picnet.jobs.events"}.
 *
 * <ul>
 *   <li>{@link #completionRequests()}: one {@link CompletionJob} per record, keyed by job id, consumed by
 *       the worker group; its partition count bounds how many workers share the load.</li>
 *   <li>{@link #trainingRequests()}: one {@link TrainingJob} per record, keyed by job id, consumed by the
 *       training group, so a long training never holds up completions that other workers serve.</li>
 *   <li>{@link #events()}: every {@link JobEvent} of every job, keyed by job id (so one job's events stay
 *       in order); every gateway reads all of it from the beginning.</li>
 *   <li>{@link #control()}: {@link ControlRecord}s (cancel, attempt), keyed by job id; every worker reads
 *       all of it.</li>
 *   <li>{@link #heartbeats()}: {@link WorkerHeartbeat}s, keyed by worker id.</li>
 * </ul>
 */
public record Topics(String prefix) {
    public static final String COMPLETION_REQUESTS = "picnet.completions.requests";
    public static final String TRAINING_REQUESTS = "picnet.trainings.requests";
    public static final String JOB_EVENTS = "picnet.jobs.events";
    public static final String JOB_CONTROL = "picnet.jobs.control";
    public static final String WORKER_HEARTBEATS = "picnet.workers.heartbeats";

    /** The largest record (an image inside a job, a PNG inside an event): topic, producer and consumer agree on it. */
    public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;

    public static final Topics DEFAULT = new Topics("");

    public Topics {
        prefix = prefix == null ? "" : prefix;
    }

    public String completionRequests() {
        return name(COMPLETION_REQUESTS);
    }

    public String trainingRequests() {
        return name(TRAINING_REQUESTS);
    }

    public String events() {
        return name(JOB_EVENTS);
    }

    public String control() {
        return name(JOB_CONTROL);
    }

    public String heartbeats() {
        return name(WORKER_HEARTBEATS);
    }

    private String name(String base) {
        return prefix.isEmpty() ? base : prefix + "." + base;
    }

    /** How each topic is created: request and event topics get {@code partitions}, the others one or a few. */
    public List<TopicSpec> specs(int partitions) {
        String maxBytes = String.valueOf(MAX_RECORD_BYTES);
        Map<String, String> large = Map.of("max.message.bytes", maxBytes, "retention.ms", String.valueOf(7L * 24 * 3600 * 1000));
        return List.of(
                new TopicSpec(completionRequests(), partitions, large),
                new TopicSpec(trainingRequests(), partitions, large),
                new TopicSpec(events(), partitions, large),
                new TopicSpec(control(), 1, Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000))),
                new TopicSpec(heartbeats(), 1, Map.of("retention.ms", String.valueOf(24L * 3600 * 1000))));
    }

    /** A topic to create: name, partition count, topic configs. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {}
}
