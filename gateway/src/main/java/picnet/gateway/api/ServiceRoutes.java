package picnet.gateway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import io.vertx.kafka.admin.KafkaAdminClient;
import picnet.gateway.GatewayMetrics;
import picnet.gateway.jobs.JobStore;
import picnet.gateway.jobs.WorkerDirectory;
import picnet.gateway.kafka.TopicReader;

/** GET /v1/models, /healthz, /metrics and /v1/openapi.yaml. */
public final class ServiceRoutes {
    private final JobStore store;
    private final WorkerDirectory workers;
    private final TopicReader<?> events;
    private final GatewayMetrics metrics;
    private final byte[] openapi;
    private final KafkaAdminClient admin;
    private final long timeoutMs;

    public ServiceRoutes(JobStore store, WorkerDirectory workers, TopicReader<?> events, GatewayMetrics metrics,
                         KafkaAdminClient admin, long timeoutMs) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
        this.store = store;
        this.workers = workers;
        this.events = events;
        this.metrics = metrics;
        this.openapi = resource("/webroot/v1/openapi.yaml");
    }

    public void mount(Router router) {
        router.get("/v1/models").handler(this::models);
        router.get("/healthz").handler(this::health);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
        router.get("/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml").end(io.vertx.core.buffer.Buffer.buffer(openapi)));
    }

    private void models(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json")
                .end(workers.describe(System.currentTimeMillis()).encode());
    }

    /** 200 when Kafka answers a cluster description within the submit timeout, else 503. */
    private void health(RoutingContext ctx) {
        admin.describeCluster().timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onComplete(ar -> health(ctx, ar.succeeded() && events.healthy()));
    }

    private void health(RoutingContext ctx, boolean kafka) {
        JsonObject body = new JsonObject().put("status", kafka ? "ok" : "degraded").put("kafka", kafka ? "up" : "down")
                .put("jobs", store.size()).put("queued", store.queuedJobs()).put("running", store.runningJobs())
                .put("workers", workers.liveWorkers(System.currentTimeMillis()));
        ctx.response().setStatusCode(kafka ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    private static byte[] resource(String path) {
        try (InputStream in = ServiceRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
