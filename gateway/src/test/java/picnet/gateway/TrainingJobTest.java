package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.TrainingJob;
import picnet.worker.jobs.KafkaBrokerExtension;

/**
 * Training jobs through the gateway against the real broker: POST /v1/trainings puts a TrainingJob on
 * the training topic, a stand-in trainer writes its events, and clients follow them over WebSocket and
 * GET /v1/jobs/{id}, previews included; cancel and resume.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class TrainingJobTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static StandInTrainer trainer;
    private static ApiClient api;

    @BeforeAll
    static void deploy(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        api = system.gateway().api();
        trainer = new StandInTrainer(system.prefix);
    }

    @AfterAll
    static void stop() {
        trainer.close();
    }

    @Test
    void aTrainingStreamsItsStepsPreviewsCheckpointsAndModel() throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse<String> accepted = api.train("{\"name\": \"faces-1\", \"dataset\": \"celeba/train.flist\"}");
        String id = ApiClient.acceptedJob(accepted);

        JsonObject queued = api.json("/v1/jobs/" + id);
        assertEquals("training", queued.getString("kind"));
        assertEquals("queued", queued.getString("status"));
        assertEquals("faces-1", queued.getString("name"));
        assertEquals(0L, queued.getLong("step"));
        assertEquals(TrainingJob.DEFAULT_STEPS, queued.getLong("steps"));
        assertNull(queued.getString("preview"));
        assertNull(queued.getString("model"), "no model before the training succeeds");

        // the job on the training topic, keyed by its id, with every default filled in
        StandInTrainer.Received received = trainer.job(id, WAIT);
        TrainingJob job = received.job();
        assertEquals(id, received.key());
        assertEquals("faces-1", job.name());
        assertEquals("celeba/train.flist", job.dataset());
        assertEquals(TrainingJob.DEFAULT_MASKS, job.masks());
        assertEquals(TrainingJob.DEFAULT_SIZE, job.size());
        assertEquals(TrainingJob.DEFAULT_BATCH, job.batch());
        assertEquals(TrainingJob.DEFAULT_STEPS, job.steps());
        assertEquals(TrainingJob.DEFAULT_CHECKPOINT_EVERY, job.checkpointEvery());
        assertEquals(TrainingJob.DEFAULT_PREVIEW_EVERY, job.previewEvery());
        assertNull(job.resumeFrom());
        assertNull(job.initModel(), "random weights");
        assertNull(job.learningRate());
        assertEquals(TrainingJob.DEFAULT_LEARNING_RATE, job.learningRateOrDefault());
        assertEquals(0, job.decaySteps(), "a constant rate");
        assertNull(job.discriminatorLearningRate());
        assertEquals(TrainingJob.DEFAULT_LEARNING_RATE, job.discriminatorLearningRateOrDefault());
        assertNull(job.holeL1());
        assertEquals(0, job.holeL1OrDefault(), "the authors' objective");
        assertNull(job.holeBestOf());
        assertEquals(1, job.holeBestOfOrDefault(), "the authors' single prior sample");
        assertEquals(id, job.runName());
        assertTrue(job.seed() >= 0, "a random non-negative seed");
        assertTrue(job.submittedAt() >= before && job.submittedAt() <= System.currentTimeMillis());

        byte[] firstGrid = TestImages.image(96, 64);
        byte[] secondGrid = TestImages.image(64, 96);
        Map<String, Double> firstLosses = Map.of("total_g", 9.5, "kl_rec", 0.25, "app_g", 3.0, "img_d", 0.75);
        Map<String, Double> secondLosses = Map.of("total_g", 7.25, "kl_rec", 0.5, "app_g", 2.0, "img_d", 0.5);
        try (EventStream stream = api.events(id)) {
            trainer.send(JobEvent.started(id, 1, "stand-in", (int) job.steps(), StandInTrainer.now()),
                    JobEvent.trainingProgress(id, 100, job.steps(), firstLosses, 2.5, 3960, StandInTrainer.now()),
                    JobEvent.preview(id, 100, firstGrid, StandInTrainer.now()),
                    JobEvent.checkpoint(id, 100, "/runs/" + id + "/step-100", StandInTrainer.now()),
                    // a report that does not advance (a redone step) is dropped
                    JobEvent.trainingProgress(id, 100, job.steps(), secondLosses, 1, 1, StandInTrainer.now()),
                    JobEvent.trainingProgress(id, 200, job.steps(), secondLosses, 2.0, 4900, StandInTrainer.now()),
                    JobEvent.preview(id, 200, secondGrid, StandInTrainer.now()));
            stream.await(EventStream.has("preview", 2), WAIT);

            JsonObject running = api.json("/v1/jobs/" + id);
            assertEquals("running", running.getString("status"));
            assertEquals(200L, running.getLong("step"));
            assertEquals(job.steps(), running.getLong("steps"));
            assertEquals(json(secondLosses), running.getJsonObject("losses"));
            assertEquals(2.0, running.getDouble("stepsPerSecond"));
            assertEquals(4900.0, running.getDouble("etaSeconds"));
            assertEquals(new JsonObject().put("step", 100).put("file", "/runs/" + id + "/step-100"),
                    running.getJsonObject("checkpoint"));
            String latestUrl = "/v1/jobs/" + id + "/previews/200.png";
            assertEquals(latestUrl, running.getString("preview"));

            HttpResponse<byte[]> latest = api.bytes(latestUrl);
            assertEquals(200, latest.statusCode());
            assertEquals("image/png", latest.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(secondGrid, latest.body());
            assertArrayEquals(secondGrid, api.bytes("/v1/jobs/" + id + "/previews/latest.png").body());
            assertArrayEquals(firstGrid, api.bytes("/v1/jobs/" + id + "/previews/100.png").body());
            BadInputTest.assertError(api.get("/v1/jobs/" + id + "/previews/300.png"), 404, "not_found");
            BadInputTest.assertError(api.get("/v1/jobs/" + id + "/previews/first.png"), 404, "not_found");

            trainer.send(JobEvent.trained(id, "faces-1", StandInTrainer.now()));
            List<JsonObject> events = stream.awaitEnd(WAIT);
            assertTrue(stream.isClosed(), "the server closes the socket after the terminal event");
            assertEquals(List.of("queued", "started", "progress", "preview", "checkpoint", "progress", "preview",
                    "succeeded"), events.stream().map(e -> e.getString("type")).toList());
            assertEquals(EndToEndTest.LongRangeList.of(1, events.size()),
                    events.stream().map(e -> e.getLong("seq")).toList());
            assertEquals(new JsonObject().put("kind", "training").put("model", "faces-1").put("steps", 10_000),
                    pick(events.get(0), "kind", "model", "steps"));
            assertEquals(new JsonObject().put("step", 100).put("steps", 10_000)
                    .put("losses", json(firstLosses)).put("stepsPerSecond", 2.5)
                    .put("etaSeconds", 3960.0), pick(events.get(2), "step", "steps", "losses", "stepsPerSecond",
                    "etaSeconds"));
            assertEquals(new JsonObject().put("step", 100).put("url", "/v1/jobs/" + id + "/previews/100.png"),
                    pick(events.get(3), "step", "url", "png"));
            assertEquals(new JsonObject().put("step", 100).put("checkpoint", "/runs/" + id + "/step-100"),
                    pick(events.get(4), "step", "checkpoint"));
            assertEquals(200L, events.get(5).getLong("step"));
            assertEquals("faces-1", events.get(7).getString("model"));

            JsonObject done = api.json("/v1/jobs/" + id);
            assertEquals("succeeded", done.getString("status"));
            assertEquals("faces-1", done.getString("model"));
            assertEquals(job.steps(), done.getLong("step"));
            try (EventStream late = api.events(id)) {
                assertEquals(events, late.awaitEnd(WAIT), "a late client gets the same history");
            }
        }
    }

    @Test
    void trainingsAreCancelledQueuedOrRunning() throws Exception {
        String queued = api.trainOk(new JsonObject().put("name", "never").put("dataset", "d").put("steps", 10));
        trainer.job(queued, WAIT);
        assertEquals(202, api.delete("/v1/jobs/" + queued).statusCode());
        assertEquals("cancelled", api.json("/v1/jobs/" + queued).getString("status"));
        trainer.awaitCancel(queued, WAIT);

        String running = api.trainOk(new JsonObject().put("name", "stopped").put("dataset", "d").put("steps", 10));
        trainer.job(running, WAIT);
        try (EventStream stream = api.events(running)) {
            trainer.send(JobEvent.started(running, 1, "stand-in", 10, StandInTrainer.now()));
            stream.await(EventStream.has("started", 1), WAIT);
            HttpResponse<String> cancel = api.delete("/v1/jobs/" + running);
            assertEquals(202, cancel.statusCode(), cancel.body());
            assertTrue(new JsonObject(cancel.body()).getBoolean("cancelRequested"));
            assertEquals("running", api.json("/v1/jobs/" + running).getString("status"), "the worker stops it");
            trainer.awaitCancel(running, WAIT);
            trainer.send(JobEvent.cancelled(running, StandInTrainer.now()));
            List<JsonObject> events = stream.awaitEnd(WAIT);
            assertEquals("cancelled", events.get(events.size() - 1).getString("type"));
        }
        assertEquals("cancelled", api.json("/v1/jobs/" + running).getString("status"));
        BadInputTest.assertError(api.delete("/v1/jobs/" + running), 409, "already_finished");
    }

    @Test
    void aTrainingFineTunesAServedModel() throws Exception {
        String id = api.trainOk(new JsonObject().put("name", "my-scenery").put("dataset", "holiday")
                .put("initModel", "scenery").put("learningRate", 5e-5).put("steps", 2000).put("decaySteps", 2000));
        TrainingJob job = trainer.job(id, WAIT).job();
        assertEquals("scenery", job.initModel());
        assertEquals(5e-5, job.learningRate());
        assertEquals(2000, job.decaySteps());
        assertEquals(id, job.runName(), "a fresh run of its own");
        assertEquals(202, api.delete("/v1/jobs/" + id).statusCode());
        trainer.awaitCancel(id, WAIT);
    }

    @Test
    void aFinishedTrainingIsResumedWithEveryFieldAsGiven() throws Exception {
        String first = api.trainOk(new JsonObject().put("name", "places").put("dataset", "d").put("steps", 10));
        trainer.job(first, WAIT);
        // a training that has not ended still owns its run
        JsonObject busy = BadInputTest.assertError(api.train(new JsonObject().put("name", "places")
                .put("dataset", "d").put("resumeFrom", first).encode()), 422, "invalid_resumeFrom");
        assertTrue(busy.getString("message").contains("still queued"), busy.getString("message"));
        assertEquals(202, api.delete("/v1/jobs/" + first).statusCode());

        JsonObject body = new JsonObject().put("name", "places.v2_b").put("dataset", "/data/places2/train.flist")
                .put("masks", List.of("center", "folder:masks/irregular")).put("size", 128).put("batch", 2)
                .put("steps", 50).put("checkpointEvery", 10).put("previewEvery", 5).put("resumeFrom", first)
                .put("seed", 42).put("discriminatorAugment", List.of("translation", "color"))
                .put("learningRate", 3e-4).put("decaySteps", 20).put("discriminatorLearningRate", 1.2e-3)
                .put("holeL1", 100).put("holeBestOf", 2);
        String resumed = api.trainOk(body);
        TrainingJob job = trainer.job(resumed, WAIT).job();
        assertEquals(new TrainingJob(resumed, "places.v2_b", "/data/places2/train.flist",
                List.of("center", "folder:masks/irregular"), 128, 2, 50, 10, 5, first, 42, List.of("translation", "color"),
                null, 3e-4, 20, 1.2e-3, 100.0, 2, job.submittedAt()), job);
        assertEquals(first, job.runName(), "the resumed job continues the first job's run");
        // one run, one trainer: a second resume of the same run waits until the first ends
        JsonObject twice = BadInputTest.assertError(api.train(new JsonObject().put("name", "places.twice")
                .put("dataset", "d").put("resumeFrom", first).encode()), 409, "invalid_resumeFrom");
        assertTrue(twice.getString("message").contains("run " + first + " is already being trained by job " + resumed),
                twice.getString("message"));
        assertEquals(List.of(), trainer.others(Duration.ofMillis(500)), "the refused resume was not enqueued");

        assertEquals(202, api.delete("/v1/jobs/" + resumed).statusCode());
        String again = api.trainOk(new JsonObject().put("name", "places.v3").put("dataset", "d")
                .put("resumeFrom", resumed));
        assertEquals(first, trainer.job(again, WAIT).job().runName(), "a resume of a resume continues the first run");
    }

    private static JsonObject json(Map<String, Double> losses) {
        return new JsonObject(new java.util.HashMap<>(losses));
    }

    private static JsonObject pick(JsonObject event, String... fields) {
        JsonObject picked = new JsonObject();
        for (String f : fields) {
            if (event.containsKey(f)) {
                picked.put(f, event.getValue(f));
            }
        }
        return picked;
    }
}
