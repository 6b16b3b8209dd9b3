package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picnet.broker.KafkaBrokerProcess;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.common.kafka.KafkaSettings;
import picnet.worker.jobs.EventTap;
import picnet.worker.jobs.KafkaBrokerExtension;

/** Cancel, 429, 503, pings, metrics, health and the OpenAPI document. */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class OperationsTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final byte[] image = TestImages.image(32, 24);
    private final byte[] mask = TestImages.squareHole(32, 24);

    @Test
    void cancellingARunningJobStopsItBetweenSamples(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        system.worker();
        ApiClient api = system.gateway().api();
        String id = api.submitOk(ApiClient.form(image, mask).field("samples", 40).field("seed", 3));
        try (EventStream stream = api.events(id)) {
            stream.await(EventStream.has("sample", 2), WAIT);
            HttpResponse<String> cancel = api.delete("/v1/jobs/" + id);
            assertEquals(202, cancel.statusCode(), cancel.body());
            assertTrue(new JsonObject(cancel.body()).getBoolean("cancelRequested"));
            List<JsonObject> events = stream.awaitEnd(WAIT);
            assertEquals("cancelled", events.get(events.size() - 1).getString("type"));
            assertTrue(EventStream.ofType(events, "sample").size() < 40);
        }
        assertEquals("cancelled", api.json("/v1/jobs/" + id).getString("status"));
        assertEquals(409, api.delete("/v1/jobs/" + id).statusCode());
    }

    @Test
    void aCancelledQueuedJobIsSkippedWhenAWorkerArrives(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        ApiClient api = system.gateway().api();
        String cancelled = api.submitOk(ApiClient.form(image, mask).field("samples", 2));
        HttpResponse<String> cancel = api.delete("/v1/jobs/" + cancelled);
        assertEquals(202, cancel.statusCode(), cancel.body());
        assertEquals("cancelled", new JsonObject(cancel.body()).getString("status"));
        assertEquals("cancelled", api.json("/v1/jobs/" + cancelled).getString("status"));

        String next = api.submitOk(ApiClient.form(image, mask).field("samples", 2));
        try (EventTap raw = new EventTap(vertx, KafkaBrokerExtension.bootstrapServers(), new Topics(system.prefix).events())) {
            system.worker("late-worker");
            try (EventStream stream = api.events(next)) {
                assertEquals("succeeded", stream.awaitEnd(WAIT).get(stream.events().size() - 1).getString("type"));
            }
            // the worker skipped the cancelled job: it wrote its own cancelled event and never started it
            List<JobEvent> events = raw.await(cancelled, list -> list.stream()
                    .filter(e -> e.type().equals(JobEvent.CANCELLED)).count() == 2, WAIT);
            assertTrue(events.stream().noneMatch(e -> e.type().equals(JobEvent.STARTED)));
        }
        assertEquals("cancelled", api.json("/v1/jobs/" + cancelled).getString("status"));
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndMetricsCountIt(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        ApiClient api = system.gateway(system.gatewayConfig().put(GatewayConfig.MAX_QUEUED_JOBS, 2)
                .put(GatewayConfig.RETRY_AFTER_SECONDS, 7)).api();
        api.submitOk(ApiClient.form(image, mask));
        api.submitOk(ApiClient.form(image, mask));
        HttpResponse<String> full = api.submit(ApiClient.form(image, mask));
        assertEquals(429, full.statusCode(), full.body());
        assertEquals("7", full.headers().firstValue("Retry-After").orElse(""));
        assertEquals("queue_full", new JsonObject(full.body()).getString("error"));

        String metrics = api.get("/metrics").body();
        assertTrue(metrics.contains("picnet_jobs_submitted_total 2.0"), metrics);
        assertTrue(metrics.contains("picnet_jobs_queued 2.0"), metrics);
        assertTrue(metrics.contains("picnet_submissions_rejected_total{reason=\"queue_full\"} 1.0"), metrics);
        assertTrue(metrics.contains("picnet_jobs_succeeded_total"), metrics);
    }

    @Test
    void unfinishedJobsHoldingTooManyImageBytesAlsoAnswer429(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        ApiClient api = system.gateway(system.gatewayConfig().put(GatewayConfig.MAX_ACTIVE_BYTES, image.length + 1)).api();
        api.submitOk(ApiClient.form(image, mask));                  // holds image.length bytes: still under
        api.submitOk(ApiClient.form(image, mask));                  // now over
        HttpResponse<String> full = api.submit(ApiClient.form(image, mask));
        assertEquals(429, full.statusCode(), full.body());
        JsonObject error = new JsonObject(full.body());
        assertEquals("queue_full", error.getString("error"));
        assertTrue(error.getString("message").startsWith("unfinished jobs hold "), error.getString("message"));
        assertTrue(full.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void vertxMetricsAreExportedWhenTheCliEnablesThem() throws Exception {
        Vertx withMetrics = Vertx.vertx(GatewayMetrics.vertxOptions());
        try {
            TestSystem system = new TestSystem(withMetrics);
            ApiClient api = system.gateway().api();
            assertEquals(200, api.get("/healthz").statusCode());
            String metrics = api.get("/metrics").body();
            assertTrue(metrics.contains("vertx_http_server_requests"), metrics);
            assertTrue(metrics.contains("picnet_jobs_queued 0.0"), metrics);
        } finally {
            withMetrics.close().await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableBrokerAnswers503Quickly(Vertx vertx, @TempDir Path dir) throws Exception {
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir, KafkaBrokerProcess.freePort());
        try {
            TestSystem system = new TestSystem(vertx);
            ApiClient api = system.gateway(system.gatewayConfig()
                    .put(KafkaSettings.BOOTSTRAP, broker.bootstrapServers())
                    .put(GatewayConfig.SUBMIT_TIMEOUT_MS, 2000)).api();
            assertEquals(200, api.get("/healthz").statusCode());
            broker.close();

            long start = System.nanoTime();
            HttpResponse<String> response = api.submit(ApiClient.form(image, mask));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("kafka_unavailable", new JsonObject(response.body()).getString("error"));
            assertTrue(tookMs < 8_000, "answered in " + tookMs + " ms");
            assertEquals(503, api.get("/healthz").statusCode());
        } finally {
            broker.close();
        }
    }

    @Test
    void idleEventStreamsArePingedAndServiceDocumentsAreServed(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        ApiClient api = system.gateway().api();
        String id = api.submitOk(ApiClient.form(image, mask));
        try (EventStream stream = api.events(id)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (stream.pings() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(stream.pings() >= 2, "pings: " + stream.pings());
            assertFalse(stream.isClosed());
            assertEquals(1, stream.events().size(), "only the queued event");
        }
        HttpResponse<String> health = api.get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok", new JsonObject(health.body()).getString("status"));

        HttpResponse<String> openapi = api.get("/v1/openapi.yaml");
        assertEquals(200, openapi.statusCode());
        for (String path : List.of("/v1/completions:", "/v1/jobs/{id}:", "/v1/jobs/{id}/samples/{index}.png:",
                "/v1/jobs/{id}/events:", "/v1/models:", "/healthz:", "/metrics:")) {
            assertTrue(openapi.body().contains("\n  " + path), path);
        }
        JsonObject models = api.json("/v1/models");
        assertEquals(0, models.getInteger("workers"));

        HttpResponse<String> page = api.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<canvas"), "the web page");
    }
}
