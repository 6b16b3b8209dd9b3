package picnet.common.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import picnet.common.jobs.Topics;

/**
 * Reading a whole topic, every partition from the beginning, without a consumer group: how the gateway
 * rebuilds job state from the event topic and every worker reads the control topic.
 */
public final class WholeTopic {
    private WholeTopic() {}

    /** Consumer settings: no group, no commits, from the earliest offset, records up to picnet's largest. */
    public static Map<String, String> readerConfig(String bootstrapServers, String clientId) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.partition.fetch.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        p.put("fetch.max.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        return p;
    }

    /** Assigns every partition of {@code topic} to {@code consumer} and seeks to their beginnings. */
    public static Future<Set<TopicPartition>> assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).compose(infos -> {
            Set<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.getPartition()))
                    .collect(Collectors.toSet());
            return consumer.assign(partitions)
                    .compose(v -> consumer.seekToBeginning(partitions))
                    .map(partitions);
        });
    }

    /**
     * Completes once the consumer's position has reached the current end of every one of
     * {@code partitions}, checking every 20 ms; fails once {@code closed} says the reader was closed.
     */
    public static Future<Void> reachEnd(Vertx vertx, KafkaConsumer<?, ?> consumer, Set<TopicPartition> partitions,
                                        BooleanSupplier closed, String reader) {
        return consumer.endOffsets(partitions).compose(ends -> awaitPositions(vertx, consumer, ends, closed, reader));
    }

    private static Future<Void> awaitPositions(Vertx vertx, KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends,
                                               BooleanSupplier closed, String reader) {
        List<Future<Boolean>> reached = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            reached.add(consumer.position(end.getKey()).map(position -> position >= end.getValue()));
        }
        return Future.all(reached).compose(all -> {
            if (reached.stream().allMatch(Future::result)) {
                return Future.succeededFuture();
            }
            if (closed.getAsBoolean()) {
                return Future.failedFuture(reader + " is closed");
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(20, t -> awaitPositions(vertx, consumer, ends, closed, reader).onComplete(later));
            return later.future();
        });
    }
}
