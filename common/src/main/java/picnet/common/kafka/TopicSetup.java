package picnet.common.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.Topics;

/**
 * Creates picnet's topics where they are missing. The gateway and every worker call it at start, so
 * whichever process comes first creates them; another process creating them at the same time is fine.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {}

    /**
     * Creates the topics of {@code topics} that do not exist yet ({@link Topics#specs}: the request and
     * event topics get {@code partitions}), retrying every second while Kafka is not reachable yet, for
     * up to {@code waitMs}.
     */
    public static Future<Void> ensureTopics(Vertx vertx, String bootstrapServers, Topics topics, int partitions,
                                            short replicationFactor, long waitMs) {
        long deadline = System.currentTimeMillis() + waitMs;
        return tryEnsureTopics(vertx, bootstrapServers, topics, partitions, replicationFactor).recover(e -> {
            if (System.currentTimeMillis() + 1000 > deadline) {
                return Future.failedFuture(e);
            }
            LOG.warn("Kafka at {} is not reachable yet ({}); retrying", bootstrapServers, e.toString());
            Promise<Void> later = Promise.promise();
            vertx.setTimer(1000, t -> ensureTopics(vertx, bootstrapServers, topics, partitions, replicationFactor,
                    deadline - System.currentTimeMillis()).onComplete(later));
            return later.future();
        });
    }

    private static Future<Void> tryEnsureTopics(Vertx vertx, String bootstrapServers, Topics topics, int partitions,
                                                short replicationFactor) {
        KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", bootstrapServers,
                "request.timeout.ms", "5000", "default.api.timeout.ms", "5000"));
        return admin.listTopics()
                .compose(existing -> {
                    List<NewTopic> missing = topics.specs(partitions).stream()
                            .filter(s -> !existing.contains(s.name()))
                            .map(s -> new NewTopic(s.name(), s.partitions(), replicationFactor).setConfig(s.configs()))
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
