package picnet.gateway.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.Topics;
import picnet.gateway.GatewayConfig;

/** The gateway's Kafka client settings and topic creation, in one place. */
public final class GatewayKafka {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayKafka.class);

    private GatewayKafka() {}

    /**
     * Submissions: durable (acks=all, idempotent), and quick to give up when Kafka is unreachable so
     * that the client gets 503 instead of a hanging request.
     */
    public static Map<String, String> producer(GatewayConfig c, String clientId) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", c.bootstrapServers());
        p.put("client.id", clientId);
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.request.size", String.valueOf(Topics.MAX_RECORD_BYTES));
        p.put("buffer.memory", String.valueOf(4L * Topics.MAX_RECORD_BYTES));
        p.put("linger.ms", "0");
        p.put("max.block.ms", String.valueOf(c.submitTimeoutMs()));
        p.put("request.timeout.ms", String.valueOf(c.submitTimeoutMs()));
        p.put("delivery.timeout.ms", String.valueOf(c.submitTimeoutMs()));
        return p;
    }

    /** A reader of a whole topic: no group, no commits, from the beginning. */
    public static Map<String, String> reader(GatewayConfig c, String clientId) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", c.bootstrapServers());
        p.put("client.id", clientId);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.partition.fetch.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        p.put("fetch.max.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        return p;
    }

    /** The admin client behind /healthz: answers within the submit timeout or not at all. */
    public static Map<String, String> admin(GatewayConfig c) {
        return Map.of("bootstrap.servers", c.bootstrapServers(),
                "request.timeout.ms", String.valueOf(c.submitTimeoutMs()),
                "default.api.timeout.ms", String.valueOf(c.submitTimeoutMs()));
    }

    /**
     * Creates the topics that do not exist yet (another process creating them at the same time is fine),
     * retrying every second while Kafka is not reachable yet, for up to {@code waitMs}.
     */
    public static Future<Void> ensureTopics(Vertx vertx, GatewayConfig c, long waitMs) {
        long deadline = System.currentTimeMillis() + waitMs;
        return tryEnsureTopics(vertx, c).recover(e -> {
            if (System.currentTimeMillis() + 1000 > deadline) {
                return Future.failedFuture(e);
            }
            LOG.warn("Kafka at {} is not reachable yet ({}); retrying", c.bootstrapServers(), e.toString());
            io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
            vertx.setTimer(1000, t -> ensureTopics(vertx, c, deadline - System.currentTimeMillis()).onComplete(later));
            return later.future();
        });
    }

    private static Future<Void> tryEnsureTopics(Vertx vertx, GatewayConfig c) {
        Topics topics = new Topics(c.topicPrefix());
        KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", c.bootstrapServers(),
                "request.timeout.ms", "5000", "default.api.timeout.ms", "5000"));
        return admin.listTopics()
                .compose(existing -> {
                    List<NewTopic> missing = topics.specs(c.partitions()).stream()
                            .filter(s -> !existing.contains(s.name()))
                            .map(s -> new NewTopic(s.name(), s.partitions(), c.replicationFactor()).setConfig(s.configs()))
                            .toList();
                    if (missing.isEmpty()) {
                        return Future.<Void>succeededFuture();
                    }
                    LOG.info("creating topics {}", missing.stream().map(NewTopic::getName).toList());
                    return admin.createTopics(missing).recover(e -> e.getMessage() != null
                            && e.getMessage().contains("already exists")
                            ? Future.succeededFuture() : Future.failedFuture(e));
                })
                .eventually(admin::close);
    }
}
