package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.SamplePatches;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.common.masks.Box;
import picnet.common.masks.MaskFiles;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.sampling.Completer;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.CompletionWindowTest;
import picnet.worker.sampling.DiverseSampler;
import picnet.worker.sampling.DiverseSamplerTest;
import picnet.worker.sampling.SampleListener;
import picnet.worker.sampling.ScoredSample;
import picnet.worker.sampling.SharedCompleter;
import picnet.worker.sampling.SizeStrategy;

/**
 * 12-megapixel photos through a worker with the real engine (a small random-weight model) and a real
 * broker: samples travel as the patch of the region they changed, which rebuilds the full completion
 * exactly, so a photo whose whole PNG would not fit an event record completes.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class LargePhotoCompletionTest {
    private static final int SIZE = 96;
    private static final int W = 4000;
    private static final int H = 3000;
    private static final Box HOLE = new Box(2000, 1500, 2060, 1540);
    private static final ImageLimits LIMITS = ImageLimits.DEFAULT;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static DiverseSampler sampler;

    private Topics topics;
    private KafkaProducer<String, byte[]> producer;
    private EventTap tap;

    @BeforeAll
    static void load() {
        sampler = new DiverseSampler(PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 11), 2);
    }

    @AfterAll
    static void close() {
        sampler.close();
    }

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        String prefix = KafkaBrokerExtension.freshPrefix();
        topics = new Topics(prefix);
        JsonObject config = KafkaBrokerExtension.workerConfig(prefix, 1).put(WorkerConfig.WORKER_POLL_MS, 100);
        vertx.deployVerticle(new CompletionWorkerVerticle(provider()), new DeploymentOptions().setConfig(config))
                .await(60, TimeUnit.SECONDS);
        producer = KafkaBrokerExtension.producer(vertx);
        tap = new EventTap(vertx, KafkaBrokerExtension.bootstrapServers(), topics.events());
    }

    @AfterEach
    void tearDown() throws Exception {
        tap.close();
        producer.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aSmallHoleTravelsAsAPatchThatRebuildsTheFullCompletion() throws Exception {
        byte[] photo = ImageFiles.writePng(DiverseSamplerTest.gradient(W, H));
        byte[] mask = MaskFiles.writePng(CompletionWindowTest.rectangle(W, H, HOLE));
        List<JobEvent> samples = complete(photo, mask, 2, 9L);

        BufferedImage original = ImageFiles.readRgb8(photo, LIMITS);
        List<ScoredSample> full = sampler.complete(new CompletionRequest(ImageFiles.read(photo, LIMITS),
                MaskFiles.read(mask, LIMITS), 2, 2, 9L, SizeStrategy.AUTO), SampleListener.NONE, () -> false);
        Box margin = HOLE.expand(1, W, H);
        for (JobEvent s : samples) {
            BufferedImage patch = ImageFiles.readRgb8(s.patch().png(), LIMITS);
            assertTrue(patch.getWidth() <= margin.width() && patch.getHeight() <= margin.height(),
                    "a " + patch.getWidth() + "x" + patch.getHeight() + " patch for a hole of " + HOLE);
            assertTrue(s.patch().x() >= margin.x0() && s.patch().y() >= margin.y0(), "the patch lies on the hole");
            BufferedImage rebuilt = SamplePatches.paste(original, patch, s.patch().x(), s.patch().y());
            ScoredSample expected = full.stream().filter(f -> f.index() == s.index()).findFirst().orElseThrow();
            assertArrayEquals(bytes(ImageFiles.toRgb8(expected.image())), bytes(rebuilt),
                    "sample " + s.index() + " rebuilt from its patch is the full completion");
            assertOnlyTheHoleChanged(original, rebuilt);
        }
    }

    /** A noisy 12-megapixel photo: about 36 MB as a PNG, more than a record holds, but its samples travel. */
    @Test
    void aPhotoWhoseWholePngWouldNotFitARecordCompletes() throws Exception {
        byte[] jpeg = noisyJpeg();
        assertFalse(CompletionJobRunner.fitsAnEvent(ImageFiles.writePng(ImageFiles.read(jpeg, LIMITS)).length),
                "the whole sample as a PNG would not fit an event record");
        List<JobEvent> samples = complete(jpeg, MaskFiles.writePng(CompletionWindowTest.rectangle(W, H, HOLE)), 1, 3L);
        assertEquals(1, samples.size());
        assertTrue(samples.get(0).patch().png().length < 100_000, samples.get(0).patch().png().length + " bytes");
    }

    /** Runs the job through the worker; answers its sample events once it has succeeded. */
    private List<JobEvent> complete(byte[] image, byte[] mask, int samples, long seed) throws Exception {
        String id = UUID.randomUUID().toString();
        CompletionJob job = new CompletionJob(id, null, samples, samples, seed, image, mask, System.currentTimeMillis());
        producer.send(KafkaProducerRecord.create(topics.completionRequests(), id, JobCodec.encode(job)))
                .await(30, TimeUnit.SECONDS);
        List<JobEvent> events = tap.await(id, EventTap.terminal(), WAIT);
        JobEvent last = events.get(events.size() - 1);
        assertEquals(JobEvent.SUCCEEDED, last.type(), String.valueOf(last.error()));
        List<JobEvent> sampleEvents = events.stream().filter(e -> e.type().equals(JobEvent.SAMPLE)).toList();
        assertEquals(samples, sampleEvents.size());
        sampleEvents.forEach(s -> assertNull(s.png(), "no whole-photo PNG travels"));
        return sampleEvents;
    }

    private static void assertOnlyTheHoleChanged(BufferedImage original, BufferedImage sample) {
        int changedInHole = 0;
        for (int y = HOLE.y0() - 3; y < HOLE.y1() + 3; y++) {
            for (int x = HOLE.x0() - 3; x < HOLE.x1() + 3; x++) {
                boolean same = original.getRGB(x, y) == sample.getRGB(x, y);
                boolean inHole = x >= HOLE.x0() && x < HOLE.x1() && y >= HOLE.y0() && y < HOLE.y1();
                if (!inHole && !same) {
                    throw new AssertionError("known pixel (" + x + ", " + y + ") changed");
                }
                changedInHole += inHole && !same ? 1 : 0;
            }
        }
        assertTrue(changedInHole > HOLE.area() / 2, changedInHole + " of " + HOLE.area() + " hole pixels changed");
    }

    private static byte[] bytes(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static byte[] noisyJpeg() throws IOException {
        BufferedImage noise = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = bytes(noise);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(noise, "jpeg", out);
        return out.toByteArray();
    }

    /** The one test model, shared (closing a handle leaves it loaded). */
    private static CompleterProvider provider() {
        return new CompleterProvider() {
            @Override
            public Completer open(String modelName) {
                return new SharedCompleter(sampler);
            }

            @Override
            public List<String> modelNames() {
                return List.of("random-96");
            }

            @Override
            public String defaultModel() {
                return "random-96";
            }
        };
    }
}
