package picnet.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picnet.worker.jobs.KafkaBrokerExtension;

/** How many records a topic of the test broker holds (all partitions). */
final class TopicRecords {
    private TopicRecords() {}

    static long count(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
