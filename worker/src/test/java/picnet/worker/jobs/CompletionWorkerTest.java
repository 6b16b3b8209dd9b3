package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.RankedSample;
import picnet.common.jobs.Topics;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;

/** The worker alone against a real broker: jobs written straight to the requests topic. */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class CompletionWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Vertx vertx;
    private Topics topics;
    private JsonObject config;
    private KafkaProducer<String, byte[]> producer;
    private EventTap tap;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        String prefix = KafkaBrokerExtension.freshPrefix();
        topics = new Topics(prefix);
        config = KafkaBrokerExtension.workerConfig(prefix, 2)
                .put(WorkerConfig.WORKER_HEARTBEAT_MS, 500)
                .put(WorkerConfig.WORKER_POLL_MS, 100);
        vertx.deployVerticle(new CompletionWorkerVerticle(TestCompleters.provider(Duration.ofMillis(30))),
                new DeploymentOptions().setConfig(config)).await(60, TimeUnit.SECONDS);
        producer = KafkaBrokerExtension.producer(vertx);
        tap = new EventTap(vertx, KafkaBrokerExtension.bootstrapServers(), topics.events());
    }

    @AfterEach
    void tearDown() throws Exception {
        tap.close();
        producer.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void emitsEverySampleAsItIsMadeThenTheRanking() throws Exception {
        String id = submit(6, 3, 42L);
        List<JobEvent> events = tap.await(id, EventTap.terminal(), WAIT);
        assertEquals(JobEvent.STARTED, events.get(0).type());
        assertEquals(1, events.get(0).attempt());
        List<JobEvent> samples = events.stream().filter(e -> e.type().equals(JobEvent.SAMPLE)).toList();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), samples.stream().map(JobEvent::index).toList());
        for (JobEvent s : samples) {
            // the hole's box (4..9 x 4..9) only, with where it goes
            RgbImage patch = ImageFiles.read(s.patch().png(), picnet.common.images.ImageLimits.DEFAULT);
            assertEquals(6, patch.width());
            assertEquals(6, patch.height());
            assertEquals(4, s.patch().x());
            assertEquals(4, s.patch().y());
            assertNull(s.png());
        }
        JobEvent last = events.get(events.size() - 1);
        assertEquals(JobEvent.SUCCEEDED, last.type());
        List<RankedSample> ranking = last.ranking();
        assertEquals(3, ranking.size());
        assertTrue(ranking.get(0).score() >= ranking.get(1).score() && ranking.get(1).score() >= ranking.get(2).score());
        // the first sample event precedes the last progress: samples stream, they are not sent at the end
        int firstSample = events.indexOf(samples.get(0));
        int lastProgress = events.stream().filter(e -> e.type().equals(JobEvent.PROGRESS)).map(events::indexOf)
                .max(Integer::compare).orElseThrow();
        assertTrue(firstSample < lastProgress);
    }

    @Test
    void aPoisonedJobFailsAfterTheAttemptLimitAndDoesNotBlockTheQueue() throws Exception {
        String poisoned = submit(3, 3, TestCompleters.POISON_SEED);
        String healthy = submit(2, 2, 7L);
        List<JobEvent> events = tap.await(poisoned, EventTap.terminal(), WAIT);
        JobEvent last = events.get(events.size() - 1);
        assertEquals(JobEvent.FAILED, last.type());
        assertNotNull(last.error());
        assertTrue(last.error().contains("poisoned input") && last.error().contains("3 attempts"), last.error());
        assertEquals(List.of(1, 2, 3), events.stream().filter(e -> e.type().equals(JobEvent.STARTED))
                .map(JobEvent::attempt).toList());
        List<JobEvent> after = tap.await(healthy, EventTap.terminal(), WAIT);
        assertEquals(JobEvent.SUCCEEDED, after.get(after.size() - 1).type());
    }

    @Test
    void anUnknownModelFailsAtOnceWithTheReason() throws Exception {
        String id = UUID.randomUUID().toString();
        send(new CompletionJob(id, "no-such-model", 2, 2, 1L, image(), mask(), 0L));
        List<JobEvent> events = tap.await(id, EventTap.terminal(), WAIT);
        JobEvent last = events.get(events.size() - 1);
        assertEquals(JobEvent.FAILED, last.type());
        assertTrue(last.error().contains("no-such-model"), last.error());
    }

    @Test
    void theSizeStrategyOfTheRecordReachesTheCompleter() throws Exception {
        String id = UUID.randomUUID().toString();
        send(new CompletionJob(id, null, 2, 1, 3L, image(), mask(), 0L, "crop"));
        List<JobEvent> events = tap.await(id, EventTap.terminal(), WAIT);
        assertEquals(JobEvent.SUCCEEDED, events.get(events.size() - 1).type());
        assertEquals(picnet.worker.sampling.SizeStrategy.CROP, TestCompleters.LAST_STRATEGY.get());
    }

    @Test
    void anUnknownSizeStrategyFailsAtOnceWithTheReason() throws Exception {
        String id = UUID.randomUUID().toString();
        send(new CompletionJob(id, null, 2, 1, 3L, image(), mask(), 0L, "zoom"));
        List<JobEvent> events = tap.await(id, EventTap.terminal(), WAIT);
        JobEvent last = events.get(events.size() - 1);
        assertEquals(JobEvent.FAILED, last.type());
        assertTrue(last.error().contains("strategy") && last.error().contains("zoom"), last.error());
        assertEquals(1, events.stream().filter(e -> e.type().equals(JobEvent.STARTED)).count(), "not retried");
    }

    private String submit(int samples, int top, long seed) throws Exception {
        String id = UUID.randomUUID().toString();
        send(new CompletionJob(id, null, samples, top, seed, image(), mask(), System.currentTimeMillis()));
        return id;
    }

    private void send(CompletionJob job) throws Exception {
        producer.send(KafkaProducerRecord.create(topics.completionRequests(), job.id(), JobCodec.encode(job)))
                .await(20, TimeUnit.SECONDS);
    }

    static byte[] image() {
        float[] chw = new float[3 * 16 * 16];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 16) / 16f;
        }
        return ImageFiles.writePng(new RgbImage(16, 16, chw));
    }

    static byte[] mask() {
        boolean[] hole = new boolean[16 * 16];
        for (int y = 4; y < 10; y++) {
            for (int x = 4; x < 10; x++) {
                hole[y * 16 + x] = true;
            }
        }
        return MaskFiles.writePng(new HoleMask(16, 16, hole));
    }
}
