package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.worker.jobs.KafkaBrokerExtension;

/**
 * Every rule of POST /v1/trainings: a 4xx JSON error whose code and "field" name the field refused, and
 * nothing enqueued (the request topics stay empty; the events topic holds only what this test wrote).
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class TrainingBadInputTest {
    private static TestSystem system;
    private static ApiClient api;
    private static StandInTrainer worker;
    private static int eventsWritten;

    @BeforeAll
    static void deploy(Vertx vertx) throws Exception {
        system = new TestSystem(vertx);
        api = system.gateway().api();
        worker = new StandInTrainer(system.prefix);
    }

    @AfterAll
    static void nothingWasEnqueued() throws Exception {
        worker.close();
        Topics topics = new Topics(system.prefix);
        assertEquals(0, TopicRecords.count(topics.trainingRequests()), "records on the training topic");
        assertEquals(0, TopicRecords.count(topics.completionRequests()), "records on the completion topic");
        assertEquals(eventsWritten, TopicRecords.count(topics.events()), "only the test's own events");
        assertEquals(eventsWritten, new JsonObject(api.get("/healthz").body()).getInteger("jobs"));
    }

    @Test
    void notAJsonObject() throws Exception {
        for (String body : List.of("", "name=faces", "{\"name\": ", "[1, 2]", "\"faces\"", "null")) {
            BadInputTest.assertError(api.train(body), 400, "not_json");
        }
    }

    @Test
    void unknownFields() throws Exception {
        JsonObject error = refused(400, "unknown_field", valid().put("colour", "red").put("epochs", 3));
        assertEquals("colour", error.getString("field"));
        assertTrue(error.getString("message").contains("colour, epochs"), error.getString("message"));
    }

    @Test
    void name() throws Exception {
        refused(400, "invalid_name", valid().putNull("name"));
        for (Object name : List.of("", " ", "Faces", "-faces", ".faces", "fa ces", "faces/v2", "a".repeat(65), 5)) {
            refused(400, "invalid_name", valid().put("name", name));
        }
    }

    @Test
    void dataset() throws Exception {
        refused(400, "invalid_dataset", valid().putNull("dataset"));
        for (Object dataset : List.of("", "  ", "../secrets", "celeba/../../etc", "a\\..\\b", "x/..",
                "d".repeat(1025), "a\nb", new JsonArray().add("celeba"))) {
            refused(400, "invalid_dataset", valid().put("dataset", dataset));
        }
    }

    @Test
    void masks() throws Exception {
        for (Object masks : List.of(new JsonArray(), new JsonArray().add("square"), "center",
                new JsonArray().add(1), new JsonArray().add("folder:"), new JsonArray().add("folder:../masks"),
                new JsonArray().add("center").add("center"), new JsonArray().add("Center"))) {
            refused(400, "invalid_masks", valid().put("masks", masks));
        }
    }

    @Test
    void discriminatorAugment() throws Exception {
        for (Object policies : List.of(new JsonArray().add("blur"), "color", new JsonArray().add(1),
                new JsonArray().add("color").add("color"), new JsonArray().add("Color"))) {
            refused(400, "invalid_discriminatorAugment", valid().put("discriminatorAugment", policies));
        }
    }

    @Test
    void initModel() throws Exception {
        for (Object model : List.of("", "../scenery", ".hidden", "a/b", "a\\b", "a\nb", "m".repeat(256), 5,
                new JsonArray().add("scenery"))) {
            refused(400, "invalid_initModel", valid().put("initModel", model));
        }
        JsonObject both = refused(400, "invalid_initModel", valid().put("initModel", "scenery").put("resumeFrom", "x"));
        assertTrue(both.getString("message").contains("give one or the other"), both.getString("message"));
    }

    @Test
    void learningRateAndDecay() throws Exception {
        for (Object rate : List.of(0, -1e-4, 0.02, "1e-4", true)) {
            refused(400, "invalid_learningRate", valid().put("learningRate", rate));
        }
        for (Object decay : List.of(-1, 2.5, "10")) {
            refused(400, "invalid_decaySteps", valid().put("decaySteps", decay));
        }
        JsonObject tooLong = refused(400, "invalid_decaySteps", valid().put("steps", 100).put("decaySteps", 101));
        assertTrue(tooLong.getString("message").contains("0..100"), tooLong.getString("message"));
    }

    @Test
    void discriminatorLearningRateAndHoleL1() throws Exception {
        for (Object rate : List.of(0, -4e-4, 0.02, "4e-4", false)) {
            refused(400, "invalid_discriminatorLearningRate", valid().put("discriminatorLearningRate", rate));
        }
        for (Object weight : List.of(-1, -0.5, 1000.5, 1e9, "100", true)) {
            refused(400, "invalid_holeL1", valid().put("holeL1", weight));
        }
        JsonObject negative = refused(400, "invalid_holeL1", valid().put("holeL1", -1));
        assertEquals("holeL1 must be in 0.0..1000.0, got -1", negative.getString("message"));
    }

    @Test
    void holeBestOf() throws Exception {
        for (Object samples : List.of(-1, 1.5, 9, "2", true)) {
            refused(400, "invalid_holeBestOf", valid().put("holeBestOf", samples));
        }
        JsonObject none = refused(400, "invalid_holeBestOf", valid().put("holeBestOf", 0));
        assertTrue(none.getString("message").startsWith("holeBestOf must be"), none.getString("message"));
        assertTrue(none.getString("message").contains("1..8"), none.getString("message"));
    }

    @Test
    void size() throws Exception {
        for (Object size : List.of(100, 32, 544, 1024, 0, -256, 256.0, 2.5, "256")) {
            refused(400, "invalid_size", valid().put("size", size));
        }
    }

    @Test
    void integersInRange() throws Exception {
        for (Object bad : List.of(0, -1, 2.5, "3", true)) {
            refused(400, "invalid_batch", valid().put("batch", bad));
            refused(400, "invalid_steps", valid().put("steps", bad));
            refused(400, "invalid_checkpointEvery", valid().put("checkpointEvery", bad));
            refused(400, "invalid_previewEvery", valid().put("previewEvery", bad));
        }
        refused(400, "invalid_batch", valid().put("batch", 65));
        refused(400, "invalid_steps", valid().put("steps", 10_000_001));
        refused(400, "invalid_steps", valid().put("steps", new java.math.BigInteger("99999999999999999999")));
        for (Object seed : List.of(-1, 1.5, "7")) {
            refused(400, "invalid_seed", valid().put("seed", seed));
        }
    }

    @Test
    void resumeFromAJobThatIsNotAFinishedTraining() throws Exception {
        JsonObject unknown = refused(422, "invalid_resumeFrom", valid().put("resumeFrom", "no-such-job"));
        assertTrue(unknown.getString("message").contains("no-such-job"), unknown.getString("message"));
        refused(400, "invalid_resumeFrom", valid().put("resumeFrom", 7));

        // a completion job, written to the events topic as a gateway would
        worker.send(JobEvent.queued("a-completion", "completion", null, 3, 3, StandInTrainer.now()));
        eventsWritten++;
        awaitJob("a-completion");
        JsonObject completion = refused(422, "invalid_resumeFrom", valid().put("resumeFrom", "a-completion"));
        assertTrue(completion.getString("message").contains("not a training"), completion.getString("message"));
    }

    @Test
    void bodyOverTheLimit() throws Exception {
        BadInputTest.assertError(api.train(valid().put("dataset", "d".repeat(70_000)).encode()), 413,
                "body_too_large");
    }

    /** A body that would be accepted. */
    private static JsonObject valid() {
        return new JsonObject().put("name", "faces").put("dataset", "celeba/train.flist");
    }

    private static JsonObject refused(int status, String code, JsonObject body) throws Exception {
        JsonObject error = BadInputTest.assertError(api.train(body.encode()), status, code);
        if (code.startsWith("invalid_")) {
            String field = code.substring("invalid_".length());
            assertEquals(field, error.getString("field"), error.encode());
            assertTrue(error.getString("message").contains(field), error.encode());
        }
        return error;
    }

    private static void awaitJob(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (api.get("/v1/jobs/" + id).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway did not read job " + id);
            }
            Thread.sleep(20);
        }
    }
}
