package picnet.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.WorkerHeartbeat;
import picnet.common.jobs.Topics;
import picnet.gateway.api.ApiError;
import picnet.gateway.api.CompletionRoutes;
import picnet.gateway.api.JobEventsSocket;
import picnet.gateway.api.JobRoutes;
import picnet.gateway.api.SampleImages;
import picnet.gateway.api.ServiceRoutes;
import picnet.gateway.api.Submissions;
import picnet.gateway.api.TrainingRoutes;
import picnet.gateway.jobs.JobPublisher;
import picnet.gateway.jobs.JobStore;
import picnet.gateway.jobs.WorkerDirectory;
import picnet.gateway.kafka.GatewayKafka;
import picnet.gateway.kafka.TopicReader;

/**
 * The gateway: HTTP API, WebSocket event streams and the web page. It creates the topics if needed,
 * replays the whole events topic (and the heartbeats) into memory before it listens, so that a restarted
 * gateway, or any of several gateways, answers for every job. Configuration: {@link GatewayConfig}.
 */
public final class GatewayVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private GatewayConfig settings;
    private TopicReader<JobEvent> events;
    private TopicReader<WorkerHeartbeat> heartbeats;
    private WorkerExecutor decoding;
    private KafkaProducer<String, byte[]> producer;
    private WorkerExecutor validation;
    private WorkerExecutor sampleImages;
    private KafkaAdminClient admin;
    private GatewayMetrics metrics;
    private HttpServer server;

    @Override
    public Future<?> start() {
        settings = GatewayConfig.from(config());
        Topics topics = settings.kafka().topics();
        String instance = UUID.randomUUID().toString().substring(0, 8);
        JobStore store = new JobStore(settings.retainedJobs(), settings.retainedBytes());
        WorkerDirectory workers = new WorkerDirectory();
        return settings.kafka().ensureTopics(vertx, settings.startTimeoutMs() / 2)
                .compose(v -> {
                    decoding = vertx.createSharedWorkerExecutor("picnet-gateway-decoding-" + instance, 2,
                            60, TimeUnit.SECONDS);
                    heartbeats = new TopicReader<>(vertx, GatewayKafka.reader(settings, "picnet-gateway-heartbeats-"
                            + instance), topics.heartbeats(), Duration.ofMillis(200), decoding,
                            JobCodec::decodeHeartbeat, workers::apply);
                    events = new TopicReader<>(vertx, GatewayKafka.reader(settings, "picnet-gateway-events-" + instance),
                            topics.events(), Duration.ofMillis(100), decoding, JobCodec::decodeEvent, store::apply);
                    return Future.all(heartbeats.start(), events.start());
                })
                .compose(v -> {
                    LOG.info("replayed {} jobs from {}", store.size(), topics.events());
                    producer = KafkaProducer.create(vertx, GatewayKafka.producer(settings, "picnet-gateway-" + instance));
                    producer.exceptionHandler(e -> LOG.debug("submission producer: {}", e.toString()));
                    validation = vertx.createSharedWorkerExecutor("picnet-gateway-validation-" + instance, 2,
                            60, TimeUnit.SECONDS);
                    sampleImages = vertx.createSharedWorkerExecutor("picnet-gateway-samples-" + instance, 2,
                            60, TimeUnit.SECONDS);
                    metrics = new GatewayMetrics(store, workers);
                    JobPublisher publisher = new JobPublisher(producer, topics);
                    Router router = Router.router(vertx);
                    Submissions submissions = new Submissions(settings, store, events, metrics);
                    new CompletionRoutes(settings, workers, publisher, validation, submissions).mount(router);
                    new TrainingRoutes(store, publisher, submissions).mount(router);
                    new JobEventsSocket(vertx, store, settings.wsPingMs()).mount(router);
                    new JobRoutes(store, publisher, submissions, new SampleImages(sampleImages, settings.imageLimits(),
                            settings.keptOriginals(), settings.keptPngBytes())).mount(router);
                    admin = KafkaAdminClient.create(vertx, GatewayKafka.admin(settings));
                    new ServiceRoutes(store, workers, events, metrics, admin, settings.submitTimeoutMs()).mount(router);
                    router.route("/*").handler(StaticHandler.create("webroot"));
                    router.errorHandler(404, ctx -> ApiError.notFound("no such resource: " + ctx.request().path())
                            .send(ctx.response()));
                    router.errorHandler(500, ctx -> {
                        LOG.error("unhandled error on {}", ctx.request().path(), ctx.failure());
                        new ApiError(500, "internal", "internal error").send(ctx.response());
                    });
                    router.errorHandler(405, ctx -> new ApiError(405, "method_not_allowed", ctx.request().method()
                            + " is not allowed on " + ctx.request().path()).send(ctx.response()));
                    return vertx.createHttpServer(new HttpServerOptions().setHost(settings.httpHost())
                                    .setPort(settings.httpPort()))
                            .requestHandler(router)
                            .listen();
                })
                .onSuccess(s -> {
                    server = s;
                    LOG.info("gateway listening on http://{}:{}/", settings.httpHost(), s.actualPort());
                })
                .timeout(settings.startTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Future<?> stop() {
        if (metrics != null) {
            metrics.close();
        }
        return (server != null ? server.close() : Future.succeededFuture())
                .eventually(() -> events != null ? events.close() : Future.succeededFuture())
                .eventually(() -> heartbeats != null ? heartbeats.close() : Future.succeededFuture())
                .eventually(() -> producer != null ? producer.close(CLOSE_TIMEOUT_MS) : Future.succeededFuture())
                .eventually(() -> admin != null ? admin.close(CLOSE_TIMEOUT_MS) : Future.succeededFuture())
                .eventually(() -> validation != null ? validation.close() : Future.succeededFuture())
                .eventually(() -> sampleImages != null ? sampleImages.close() : Future.succeededFuture())
                .eventually(() -> decoding != null ? decoding.close() : Future.succeededFuture());
    }

    /** The port the HTTP server listens on (useful with {@code http.port = 0}). */
    public int actualPort() {
        return server.actualPort();
    }
}
