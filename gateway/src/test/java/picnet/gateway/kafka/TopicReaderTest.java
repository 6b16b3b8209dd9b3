package picnet.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.jobs.Topics;
import picnet.common.kafka.TopicSetup;
import picnet.common.kafka.WholeTopic;
import picnet.worker.jobs.KafkaBrokerExtension;

/**
 * A reader counts as caught up only once the records that existed have been handed to its handler,
 * even while a batch it has already fetched is still being decoded.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class TopicReaderTest {
    private static final long DECODE_MS = 40;

    @Test
    void caughtUpWaitsForRecordsStillBeingDecoded(Vertx vertx) throws Exception {
        Topics topics = new Topics(KafkaBrokerExtension.freshPrefix());
        TopicSetup.ensureTopics(vertx, KafkaBrokerExtension.bootstrapServers(), topics, 3, (short) 1, 30_000)
                .await(40, TimeUnit.SECONDS);
        KafkaProducer<String, byte[]> producer = KafkaBrokerExtension.producer(vertx);
        send(producer, topics.events(), 0, 12);

        WorkerExecutor decoder = vertx.createSharedWorkerExecutor("topic-reader-test-decoder", 1);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        TopicReader<String> reader = new TopicReader<>(vertx,
                WholeTopic.readerConfig(KafkaBrokerExtension.bootstrapServers(), "topic-reader-test"),
                topics.events(), Duration.ofMillis(200), decoder, TopicReaderTest::slowDecode, handled::add);
        try {
            // counted where the futures complete: on the reader's context, where the handler runs
            int atStart = reader.start().map(v -> handled.size()).await(60, TimeUnit.SECONDS);
            assertEquals(12, atStart);

            send(producer, topics.events(), 12, 8);
            int later = reader.caughtUp().map(v -> handled.size()).await(60, TimeUnit.SECONDS);
            assertEquals(20, later);
            List<String> all = new ArrayList<>(handled);
            all.sort(null);
            assertEquals(IntStream.range(0, 20).mapToObj(i -> "event-" + i).sorted().toList(), all);
        } finally {
            reader.close().await(30, TimeUnit.SECONDS);
            producer.close().await(30, TimeUnit.SECONDS);
            decoder.close();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, int first, int count)
            throws Exception {
        for (int i = first; i < first + count; i++) {
            producer.send(KafkaProducerRecord.create(topic, "job-" + i, ("event-" + i).getBytes(StandardCharsets.UTF_8)))
                    .await(30, TimeUnit.SECONDS);
        }
    }

    private static String slowDecode(byte[] value) {
        try {
            Thread.sleep(DECODE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
