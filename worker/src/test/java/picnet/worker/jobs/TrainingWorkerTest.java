package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static picnet.worker.jobs.TrainingTestBed.last;
import static picnet.worker.jobs.TrainingTestBed.ofType;

import ai.djl.Device;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.TrainingJob;
import picnet.common.jobs.WorkerHeartbeat;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.sampling.ModelCatalog;
import picnet.worker.training.StepLosses;
import picnet.worker.training.TrainingCheckpoint;

/** A training worker alone against a real broker and the real model (96x96, batch 1, CPU). */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class TrainingWorkerTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String WORKER = "trainer-1";

    @TempDir
    Path dir;
    private Vertx vertx;
    private TrainingTestBed bed;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        bed = new TrainingTestBed(vertx, dir);
        // one progress event a run, plus the last step: what the throttle must keep
        bed.config.put(WorkerConfig.WORKER_ID, WORKER).put(WorkerConfig.WORKER_TRAINING_PROGRESS_MS, 3_600_000);
        vertx.deployVerticle(new TrainingWorkerVerticle(Device.cpu()), new DeploymentOptions().setConfig(bed.config))
                .await(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    @Test
    void aTrainingStreamsItsStepsPreviewsAndCheckpointsThenIsServedAsAModel() throws Exception {
        Path models = bed.root.resolve("models");
        Map<String, Map<String, HostTensor>> seedWeights;
        try (PicnetNetworks seed = PicnetNetworks.random(PicnetConfig.released(96), Device.cpu(), 1)) {
            ModelLoader.save(seed, models.resolve("seed-model"), "seed-model", Safetensors.Dtype.F32, Map.of());
            seedWeights = seed.export(false);
        }
        ModelCatalog catalog = new ModelCatalog(models, Device.cpu(), 2, null);
        vertx.deployVerticle(new CompletionWorkerVerticle(catalog), new DeploymentOptions().setConfig(bed.config))
                .await(60, TimeUnit.SECONDS);

        long started = System.nanoTime();
        // fine-tunes seed-model at twice the usual rate (the discriminators at four times that), decaying over the
        // last two steps, with a hole L1 term on the closer of two prior samples per image
        TrainingJob job = bed.submit(TrainingTestBed.fineTuning(TrainingTestBed.job("faces-96", 4, 2, 2), "seed-model",
                2e-4, 2, 8e-4, 50.0, 2));
        List<JobEvent> events = bed.tap.await(job.id(), EventTap.terminal(), WAIT);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(JobEvent.STARTED, events.get(0).type());
        assertEquals(1, events.get(0).attempt());
        assertEquals(WORKER, events.get(0).worker());
        assertEquals(4, events.get(0).total());
        List<JobEvent> progress = ofType(events, JobEvent.PROGRESS);
        assertEquals(List.of(1L, 4L), progress.stream().map(e -> e.training().step()).toList(),
                "the first step, then at most one a second, and the last");
        Set<String> terms = new StepLosses(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).asMap().keySet();
        for (JobEvent p : progress) {
            assertEquals(4L, p.training().steps());
            assertEquals(terms, p.training().losses().keySet());
            assertTrue(p.training().losses().values().stream().allMatch(Double::isFinite));
            assertTrue(p.training().stepsPerSecond() > 0);
            assertTrue(p.training().losses().get("hole_g") > 0, "the job's hole L1 term is on");
        }
        assertEquals(0.0, progress.get(1).training().etaSeconds());
        assertEquals(2e-4, progress.get(0).training().losses().get("lr"), 1e-9, "step 1 at the job's rate");
        assertEquals(2e-4 / 3, progress.get(1).training().losses().get("lr"), 1e-9, "step 4, the last of the decay");
        List<JobEvent> previews = ofType(events, JobEvent.PREVIEW);
        assertEquals(List.of(2L, 4L), previews.stream().map(e -> e.training().step()).toList());
        RgbImage grid = ImageFiles.read(previews.get(0).png(), ImageLimits.DEFAULT);
        assertTrue(grid.width() > 96 && grid.height() > 96, "a grid of several 96x96 tiles");
        List<JobEvent> checkpoints = ofType(events, JobEvent.CHECKPOINT);
        assertEquals(List.of(2L, 4L), checkpoints.stream().map(e -> e.training().step()).toList());
        assertEquals(Path.of(job.id(), "checkpoints", "step-0000000004.safetensors").toString(),
                checkpoints.get(1).training().checkpoint());
        assertEquals(List.of(TrainingCheckpoint.file(bed.runDir(job), 2), TrainingCheckpoint.file(bed.runDir(job), 4)),
                TrainingCheckpoint.list(bed.runDir(job)));
        Map<String, String> meta = Safetensors.read(TrainingCheckpoint.file(bed.runDir(job), 4)).metadata();
        assertEquals("50.0", meta.get("holeWeight"));
        assertEquals("2", meta.get("holeBestOf"), "the job's number of prior samples reached the trainer");

        JobEvent end = last(events);
        assertEquals(JobEvent.SUCCEEDED, end.type());
        assertEquals("faces-96", end.model());
        try (PicnetNetworks served = ModelLoader.load(bed.modelDir("faces-96"), Device.cpu(), 256);
             PicnetNetworks fresh = PicnetNetworks.random(PicnetConfig.released(96), Device.cpu(), job.seed())) {
            assertEquals(96, served.config().size());
            Map<String, HostTensor> trained = served.export(false).get(PicnetNetworks.G);
            assertTrue(maxDifference(trained, seedWeights.get(PicnetNetworks.G)) < 4 * 2e-4 * 1.5,
                    "4 Adam steps away from seed-model: " + maxDifference(trained, seedWeights.get(PicnetNetworks.G)));
            assertTrue(maxDifference(trained, fresh.export(false).get(PicnetNetworks.G)) > 0.05, "not the job seed's random weights");
            double dMoved = maxDifference(served.export(false).get(PicnetNetworks.D), seedWeights.get(PicnetNetworks.D));
            assertTrue(dMoved > 4 * 2e-4 * 1.5 && dMoved < 4 * 8e-4 * 1.5,
                    "D took 4 steps at the job's discriminator rate, further than G's rate allows: " + dMoved);
        }
        assertTrue(catalog.modelNames().contains("faces-96"), catalog.modelNames().toString());
        awaitHeartbeatListing("faces-96");
        System.out.printf("4 training steps at 96x96, batch 1, with 2 checkpoints, 2 previews and the export: %.1f s%n",
                seconds);
        catalog.close();
    }

    @Test
    void aCancelledTrainingCheckpointsAndExportsNothing() throws Exception {
        TrainingJob job = bed.submit(TrainingTestBed.job("never-served", 500, 1000, 0));
        bed.tap.await(job.id(), e -> !ofType(e, JobEvent.PROGRESS).isEmpty(), WAIT);
        bed.cancel(job.id());
        List<JobEvent> events = bed.tap.await(job.id(), EventTap.terminal(), WAIT);
        assertEquals(JobEvent.CANCELLED, last(events).type());
        List<JobEvent> checkpoints = ofType(events, JobEvent.CHECKPOINT);
        assertEquals(1, checkpoints.size(), "the checkpoint written on cancellation");
        long step = checkpoints.get(0).training().step();
        assertTrue(step >= 1 && step < 500, "stopped at step " + step);
        assertTrue(Files.isRegularFile(TrainingCheckpoint.file(bed.runDir(job), step)));
        assertFalse(Files.exists(bed.modelDir("never-served")));
    }

    @Test
    void jobsThatCannotRunOnThisWorkerFailAtOnceWithTheReason() throws Exception {
        Path missing = bed.root.resolve("datasets").resolve("nope").toAbsolutePath();
        assertFailsAtOnce(TrainingTestBed.job("m1", "nope", List.of("regular", "irregular"), 96, 4, 2, 0, null),
                "dataset 'nope' not found on worker " + WORKER + ": " + missing + " does not exist");
        Files.createDirectories(bed.root.resolve("datasets/empty"));
        Files.writeString(bed.root.resolve("datasets/empty/broken.png"), "not a picture");
        assertFailsAtOnce(TrainingTestBed.job("m2", "empty", List.of("regular", "irregular"), 96, 4, 2, 0, null),
                "dataset 'empty' on worker " + WORKER + ": none of the 1 training images is readable");
        assertFailsAtOnce(TrainingTestBed.job("m3", TrainingTestBed.DATASET, List.of("regular", "folder:masks"), 96, 4, 2, 0, null),
                "mask folder 'masks' not found on worker " + WORKER + ": "
                        + bed.root.resolve("datasets/masks").toAbsolutePath() + " does not exist");
        assertFailsAtOnce(TrainingTestBed.job("m4", TrainingTestBed.DATASET, List.of("regular", "irregular"), 64, 4, 2, 0, null),
                "size 64 is not accepted by the networks: image size must be a multiple of 32 and at least 96, got 64");
        assertFailsAtOnce(TrainingTestBed.job("m5", TrainingTestBed.DATASET, List.of("regular", "irregular"), 96, 4, 2, 0, "no-such-run"),
                "cannot resume run 'no-such-run' on worker " + WORKER + ": no checkpoints in "
                        + bed.root.resolve("runs/no-such-run/checkpoints").toAbsolutePath());
        assertFailsAtOnce(TrainingTestBed.fineTuning(TrainingTestBed.job("m6", 4, 2, 0), "no-model", 1e-4, 0),
                "initModel 'no-model' not found on worker " + WORKER + ": "
                        + bed.root.resolve("models/no-model").toAbsolutePath() + " holds no model (config.json)");
        assertFailsAtOnce(TrainingTestBed.job("../escape", TrainingTestBed.DATASET, List.of("center"), 96, 4, 2, 0, null),
                "name '../escape' must be a plain folder name (no '/', '\\', no leading '.')");
    }

    /** Over the trained parameters: spectral norm's u and v move by power iteration at every forward instead. */
    private static double maxDifference(Map<String, HostTensor> a, Map<String, HostTensor> b) {
        assertEquals(a.keySet(), b.keySet());
        double max = 0;
        for (String key : a.keySet()) {
            if (key.endsWith("weight_u") || key.endsWith("weight_v")) {
                continue;
            }
            float[] x = a.get(key).data();
            float[] y = b.get(key).data();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    private void assertFailsAtOnce(TrainingJob job, String error) throws Exception {
        bed.submit(job);
        List<JobEvent> events = bed.tap.await(job.id(), EventTap.terminal(), WAIT);
        assertEquals(JobEvent.FAILED, last(events).type());
        assertEquals(error, last(events).error());
        assertEquals(List.of(1), ofType(events, JobEvent.STARTED).stream().map(JobEvent::attempt).toList(), "not retried");
    }

    /** Waits until a heartbeat of this worker announces the model, with no training running. */
    private void awaitHeartbeatListing(String model) throws Exception {
        List<WorkerHeartbeat> beats = new CopyOnWriteArrayList<>();
        KafkaConsumer<String, byte[]> consumer = KafkaConsumer.create(vertx, Map.of(
                "bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "enable.auto.commit", "false", "auto.offset.reset", "earliest"));
        consumer.handler(r -> beats.add(JobCodec.decodeHeartbeat(r.value())));
        consumer.assign(new TopicPartition(bed.topics.heartbeats(), 0)).await(20, TimeUnit.SECONDS);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // once the training has ended, the same heartbeat lists the model and says the worker trains, idle now
            java.util.function.Predicate<WorkerHeartbeat> listed = b -> b.models().contains(model) && b.trainingJob() == null;
            while (beats.stream().noneMatch(listed)) {
                assertTrue(System.nanoTime() < deadline, "no heartbeat listed " + model + ": " + beats);
                Thread.sleep(50);
            }
            WorkerHeartbeat beat = beats.stream().filter(listed).findFirst().orElseThrow();
            assertNotNull(beat.workerId());
            assertEquals(List.of(model, "seed-model"), beat.models());
            assertEquals(Boolean.TRUE, beat.trains(), "this process has a training verticle");
        } finally {
            consumer.close().await(10, TimeUnit.SECONDS);
        }
    }
}
