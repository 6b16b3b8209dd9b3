package picnet.worker.jobs;

import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;

/** Test helper: reads a job events topic from the beginning and lets a test wait for what it expects. */
public final class EventTap implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<JobEvent> events = new ArrayList<>();

    public EventTap(Vertx vertx, String bootstrap, String topic) throws Exception {
        consumer = KafkaConsumer.create(vertx, Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "enable.auto.commit", "false", "auto.offset.reset", "earliest",
                "max.partition.fetch.bytes", String.valueOf(32 << 20)));
        consumer.handler(r -> {
            synchronized (events) {
                events.add(JobCodec.decodeEvent(r.value()));
            }
        });
        var partitions = consumer.partitionsFor(topic).await(20, TimeUnit.SECONDS).stream()
                .map(p -> new TopicPartition(topic, p.getPartition())).collect(Collectors.toSet());
        consumer.assign(partitions).await(20, TimeUnit.SECONDS);
    }

    public List<JobEvent> of(String jobId) {
        synchronized (events) {
            return events.stream().filter(e -> e.jobId().equals(jobId)).toList();
        }
    }

    /** Waits until the job's events satisfy the condition, and returns them. */
    public List<JobEvent> await(String jobId, Predicate<List<JobEvent>> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JobEvent> now = of(jobId);
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s; events of " + jobId + ": "
                + of(jobId).stream().map(e -> e.type() + (e.index() != null ? "#" + e.index() : "")
                + (e.attempt() != null ? "@" + e.attempt() : "") + (e.error() != null ? "(" + e.error() + ")" : ""))
                .toList());
    }

    public static Predicate<List<JobEvent>> terminal() {
        return list -> list.stream().anyMatch(JobEvent::isTerminal);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
