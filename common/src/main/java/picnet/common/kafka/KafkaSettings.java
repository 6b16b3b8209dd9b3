package picnet.common.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import picnet.common.jobs.Topics;

/**
 * Where the gateway and the workers find Kafka, and how they create its topics when they are missing:
 * the {@code kafka.*} keys of their deployment configs. Every key is a constant here with its default.
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor) {
    /** Kafka bootstrap servers, host:port[,host:port]. */
    public static final String BOOTSTRAP = "kafka.bootstrap";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** Prefix of every topic name (empty: the plain names of {@link Topics}). */
    public static final String TOPIC_PREFIX = "kafka.topic-prefix";
    /** Partitions of the request and event topics when this process creates them. */
    public static final String PARTITIONS = "kafka.partitions";
    public static final int DEFAULT_PARTITIONS = 8;
    /** Replication factor of the topics when this process creates them (3 on a real cluster). */
    public static final String REPLICATION_FACTOR = "kafka.replication-factor";
    public static final int DEFAULT_REPLICATION_FACTOR = 1;

    public static KafkaSettings from(JsonObject c) {
        return new KafkaSettings(
                c.getString(BOOTSTRAP, DEFAULT_BOOTSTRAP),
                c.getString(TOPIC_PREFIX, ""),
                c.getInteger(PARTITIONS, DEFAULT_PARTITIONS),
                c.getInteger(REPLICATION_FACTOR, DEFAULT_REPLICATION_FACTOR).shortValue());
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }

    /** Creates the missing topics ({@link TopicSetup}), waiting up to {@code waitMs} for the brokers. */
    public Future<Void> ensureTopics(Vertx vertx, long waitMs) {
        return TopicSetup.ensureTopics(vertx, bootstrapServers, topics(), partitions, replicationFactor, waitMs);
    }
}
