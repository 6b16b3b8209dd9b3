package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;

/**
 * A worker runs at most its capacity of jobs at once, and jobs longer than Kafka's max.poll.interval
 * do not cost it its partitions (it pauses them and keeps polling), so nothing is redelivered.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class WorkerCapacityTest {
    @Test
    void runsAtMostItsCapacityAndKeepsItsPartitionsThroughLongJobs(Vertx vertx) throws Exception {
        String prefix = KafkaBrokerExtension.freshPrefix();
        Topics topics = new Topics(prefix);
        JsonObject config = KafkaBrokerExtension.workerConfig(prefix, 1)
                .put(WorkerConfig.WORKER_CAPACITY, 2)
                .put(WorkerConfig.WORKER_SESSION_TIMEOUT_MS, 6000)
                .put(WorkerConfig.WORKER_MAX_POLL_INTERVAL_MS, 2000);
        vertx.deployVerticle(new CompletionWorkerVerticle(TestCompleters.provider(Duration.ofMillis(100))),
                new DeploymentOptions().setConfig(config)).await(60, TimeUnit.SECONDS);
        KafkaProducer<String, byte[]> producer = KafkaProducer.create(vertx, Map.of(
                "bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            // 26 samples of 100 ms: each job outlasts max.poll.interval.ms
            CompletionJob job = new CompletionJob(id, null, 26, 1, i, CompletionWorkerTest.image(),
                    CompletionWorkerTest.mask(), 0L);
            producer.send(KafkaProducerRecord.create(topics.completionRequests(), id, JobCodec.encode(job)))
                    .await(20, TimeUnit.SECONDS);
        }
        List<long[]> intervals = new ArrayList<>();
        try (EventTap tap = new EventTap(vertx, KafkaBrokerExtension.bootstrapServers(), topics.events())) {
            for (String id : ids) {
                List<JobEvent> events = tap.await(id, EventTap.terminal(), Duration.ofSeconds(90));
                List<JobEvent> starts = events.stream().filter(e -> e.type().equals(JobEvent.STARTED)).toList();
                assertEquals(1, starts.size(), "no redelivery: " + id);
                assertEquals(JobEvent.SUCCEEDED, events.get(events.size() - 1).type());
                intervals.add(new long[] {starts.get(0).at(), events.get(events.size() - 1).at()});
            }
        } finally {
            producer.close().await(10, TimeUnit.SECONDS);
        }
        int most = 0;
        for (long[] a : intervals) {
            int overlapping = 0;
            for (long[] b : intervals) {
                if (b[0] <= a[0] && a[0] < b[1]) {
                    overlapping++;
                }
            }
            most = Math.max(most, overlapping);
        }
        assertEquals(2, most, "jobs running at once");
    }
}
