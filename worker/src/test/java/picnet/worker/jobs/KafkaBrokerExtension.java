package picnet.worker.jobs;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picnet.broker.KafkaBrokerProcess;
import picnet.common.jobs.Topics;
import picnet.common.kafka.KafkaSettings;

/**
 * One real Kafka broker per test JVM (a child process, temp directory, free port), started by the first
 * test class that uses this extension and stopped when the JVM's tests are done. Tests isolate
 * themselves with a topic prefix of their own ({@link #freshPrefix()}).
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {
    private static volatile Broker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Broker.class, k -> start(), Broker.class);
    }

    public static String bootstrapServers() {
        if (broker == null) {
            throw new IllegalStateException("no broker: extend the test with KafkaBrokerExtension");
        }
        return broker.process.bootstrapServers();
    }

    /** A producer to the broker that writes records as large as a gateway's ({@link Topics#MAX_RECORD_BYTES}). */
    public static KafkaProducer<String, byte[]> producer(Vertx vertx) {
        return KafkaProducer.create(vertx, Map.of("bootstrap.servers", bootstrapServers(),
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
                "acks", "all", "max.request.size", String.valueOf(Topics.MAX_RECORD_BYTES)));
    }

    /** A worker's config against this broker: topics under {@code prefix}, its own completion group. */
    public static JsonObject workerConfig(String prefix, int partitions) {
        return new JsonObject()
                .put(KafkaSettings.BOOTSTRAP, bootstrapServers())
                .put(KafkaSettings.TOPIC_PREFIX, prefix)
                .put(KafkaSettings.PARTITIONS, partitions)
                .put(WorkerConfig.WORKER_GROUP, prefix + "-workers");
    }

    /** A topic prefix (and group-id suffix) no other test uses. */
    public static String freshPrefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static synchronized Broker start() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("picnet-kafka-test");
                broker = new Broker(KafkaBrokerProcess.start(dir, KafkaBrokerProcess.freePort()), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker;
    }

    private record Broker(KafkaBrokerProcess process, Path dir) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            process.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
