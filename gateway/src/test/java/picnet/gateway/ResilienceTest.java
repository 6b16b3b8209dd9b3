package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picnet.worker.jobs.KafkaBrokerExtension;
import picnet.worker.jobs.TestCompleters;
import picnet.worker.jobs.WorkerConfig;

/** Workers stopped mid-job, poisoned jobs, gateways restarted, load shared between workers. */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class ResilienceTest {
    static final Duration WAIT = Duration.ofSeconds(90);

    private final byte[] image = TestImages.image(32, 32);
    private final byte[] mask = TestImages.squareHole(32, 32);

    @Test
    void aWorkerStoppedMidJobAndTheJobCompletesElsewhereWithEverySampleOnce(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        TestSystem.Worker first = system.worker("worker-first");
        ApiClient api = system.gateway().api();
        String id = api.submitOk(ApiClient.form(image, mask).field("samples", 10).field("top", 4).field("seed", 99));
        try (EventStream stream = api.events(id)) {
            stream.await(EventStream.has("sample", 3), WAIT);
            system.undeploy(first.deploymentId());
            system.worker("worker-second");
            List<JsonObject> events = stream.awaitEnd(WAIT);

            assertEquals("succeeded", events.get(events.size() - 1).getString("type"), EventStream.summary(events).toString());
            List<Integer> indices = EventStream.ofType(events, "sample").stream().map(e -> e.getInteger("index")).toList();
            assertEquals(IntStream.range(0, 10).boxed().toList(), indices.stream().sorted().toList(),
                    "every sample exactly once: " + indices);
            List<JsonObject> starts = EventStream.ofType(events, "started");
            assertEquals(List.of(1, 2), starts.stream().map(e -> e.getInteger("attempt")).toList());
            assertEquals(List.of("worker-first", "worker-second"), starts.stream().map(e -> e.getString("worker")).toList());
            assertContiguous(events);
            assertEquals("succeeded", api.json("/v1/jobs/" + id).getString("status"));
            assertEquals(4, api.json("/v1/jobs/" + id).getJsonArray("samples").size());
        }
    }

    @Test
    void cleanStopsDoNotUseAJobsAttemptsUp(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        ApiClient api = system.gateway().api();
        String id = api.submitOk(ApiClient.form(image, mask).field("samples", 10).field("top", 4).field("seed", 7));
        try (EventStream stream = api.events(id)) {
            // as many rolling restarts as the job has attempts (worker.max-attempts, 3), each mid-job
            for (int restart = 1; restart <= WorkerConfig.DEFAULT_WORKER_MAX_ATTEMPTS; restart++) {
                TestSystem.Worker worker = system.worker("worker-" + restart);
                stream.await(EventStream.has("started", restart), WAIT);
                system.undeploy(worker.deploymentId());
            }
            system.worker("worker-last");
            List<JsonObject> events = stream.awaitEnd(WAIT);

            assertEquals("succeeded", events.get(events.size() - 1).getString("type"), EventStream.summary(events).toString());
            assertEquals(List.of(1, 2, 3, 4), EventStream.ofType(events, "started").stream()
                    .map(e -> e.getInteger("attempt")).toList());
        }
    }

    @Test
    void aWorkerKilledMidJobAndTheJobIsRedeliveredWithEverySampleOnce(Vertx vertx, @TempDir Path dir) throws Exception {
        TestSystem system = new TestSystem(vertx);
        Process doomed = system.workerProcess("worker-killed", dir.resolve("worker.log"));
        try {
            ApiClient api = system.gateway().api();
            String id = api.submitOk(ApiClient.form(image, mask).field("samples", 10).field("seed", 7));
            try (EventStream stream = api.events(id)) {
                stream.await(EventStream.has("sample", 3), WAIT);
                doomed.destroyForcibly().waitFor();
                system.worker("worker-survivor");
                List<JsonObject> events = stream.awaitEnd(WAIT);
                assertEquals("succeeded", events.get(events.size() - 1).getString("type"),
                        EventStream.summary(events).toString());
                List<Integer> indices = EventStream.ofType(events, "sample").stream()
                        .map(e -> e.getInteger("index")).toList();
                assertEquals(IntStream.range(0, 10).boxed().toList(), indices.stream().sorted().toList(),
                        "every sample exactly once: " + indices);
                assertEquals(List.of("worker-killed", "worker-survivor"), EventStream.ofType(events, "started")
                        .stream().map(e -> e.getString("worker")).toList());
                assertContiguous(events);
            }
        } finally {
            doomed.destroyForcibly();
        }
    }

    @Test
    void aPoisonedJobEndsFailedWithTheReasonAndDoesNotBlockTheQueue(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        system.worker();
        ApiClient api = system.gateway().api();
        String poisoned = api.submitOk(ApiClient.form(image, mask).field("samples", 2)
                .field("seed", TestCompleters.POISON_SEED));
        String healthy = api.submitOk(ApiClient.form(image, mask).field("samples", 2).field("seed", 5));
        try (EventStream stream = api.events(poisoned)) {
            List<JsonObject> events = stream.awaitEnd(WAIT);
            JsonObject last = events.get(events.size() - 1);
            assertEquals("failed", last.getString("type"));
            assertTrue(last.getString("error").contains("poisoned input"), last.getString("error"));
            assertEquals(List.of(1, 2, 3), EventStream.ofType(events, "started").stream()
                    .map(e -> e.getInteger("attempt")).toList());
        }
        JsonObject failed = api.json("/v1/jobs/" + poisoned);
        assertEquals("failed", failed.getString("status"));
        assertTrue(failed.getString("error").contains("after 3 attempts"), failed.getString("error"));
        try (EventStream stream = api.events(healthy)) {
            List<JsonObject> events = stream.awaitEnd(WAIT);
            assertEquals("succeeded", events.get(events.size() - 1).getString("type"));
        }
    }

    @Test
    void aRestartedGatewayReplaysEveryJobAndAnotherGatewayNumbersEventsAlike(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        system.worker();
        TestSystem.Gateway first = system.gateway();
        String done = first.api().submitOk(ApiClient.form(image, mask).field("samples", 3).field("seed", 1));
        List<JsonObject> history;
        try (EventStream stream = first.api().events(done)) {
            history = stream.awaitEnd(WAIT);
        }
        JsonObject before = first.api().json("/v1/jobs/" + done);
        byte[] png = first.api().bytes("/v1/jobs/" + done + "/samples/2.png").body();

        // a second job is running while the gateway goes away
        String running = first.api().submitOk(ApiClient.form(image, mask).field("samples", 12).field("seed", 2));
        try (EventStream stream = first.api().events(running)) {
            stream.await(EventStream.has("sample", 2), WAIT);
        }
        system.undeploy(first.deploymentId());

        TestSystem.Gateway restarted = system.gateway();
        TestSystem.Gateway other = system.gateway();
        assertEquals(before, restarted.api().json("/v1/jobs/" + done));
        assertTrue(java.util.Arrays.equals(png, restarted.api().bytes("/v1/jobs/" + done + "/samples/2.png").body()));
        try (EventStream replay = restarted.api().events(done)) {
            assertEquals(history, replay.awaitEnd(WAIT));
        }
        try (EventStream a = restarted.api().events(running); EventStream b = other.api().events(running)) {
            List<JsonObject> fromRestarted = a.awaitEnd(WAIT);
            List<JsonObject> fromOther = b.awaitEnd(WAIT);
            assertEquals(fromRestarted, fromOther, "every gateway gives the same events with the same seq");
            assertContiguous(fromRestarted);
            assertEquals("queued", fromRestarted.get(0).getString("type"));
            assertEquals(IntStream.range(0, 12).boxed().toList(), EventStream.ofType(fromRestarted, "sample").stream()
                    .map(e -> e.getInteger("index")).toList());
        }
    }

    @Test
    void twoWorkersShareABatchOfJobs(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        TestSystem.Worker a = system.worker("worker-a");
        TestSystem.Worker b = system.worker("worker-b");
        TestSystem.awaitPartitions(a, b);
        ApiClient api = system.gateway().api();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(api.submitOk(ApiClient.form(image, mask).field("samples", 3).field("seed", i)));
        }
        Set<String> workers = new HashSet<>();
        for (String id : ids) {
            try (EventStream stream = api.events(id)) {
                List<JsonObject> events = stream.awaitEnd(WAIT);
                assertEquals("succeeded", events.get(events.size() - 1).getString("type"));
                List<JsonObject> starts = EventStream.ofType(events, "started");
                workers.add(starts.get(starts.size() - 1).getString("worker"));
            }
        }
        assertEquals(Set.of("worker-a", "worker-b"), workers, "both workers ran jobs");
    }

    static void assertContiguous(List<JsonObject> events) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).getLong("seq").intValue(), EventStream.summary(events).toString());
        }
    }
}
