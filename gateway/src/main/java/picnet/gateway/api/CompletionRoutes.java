package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobCodec;
import picnet.gateway.GatewayConfig;
import picnet.gateway.GatewayMetrics;
import picnet.gateway.jobs.JobPublisher;
import picnet.gateway.jobs.JobStore;
import picnet.gateway.jobs.WorkerDirectory;
import picnet.gateway.kafka.TopicReader;

/**
 * POST /v1/completions: reads the multipart body in memory, validates it (fields on the event loop, the
 * image files on the validation executor), refuses when the queue is full (429) or Kafka is unreachable
 * (503), enqueues, and answers 202 once this gateway has read the job's queued event back, so that an
 * immediate GET of the job finds it.
 */
public final class CompletionRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionRoutes.class);

    private final GatewayConfig config;
    private final JobStore store;
    private final WorkerDirectory workers;
    private final JobPublisher publisher;
    private final TopicReader<?> events;
    private final WorkerExecutor validation;
    private final GatewayMetrics metrics;
    private final SubmissionValidator validator;

    public CompletionRoutes(GatewayConfig config, JobStore store, WorkerDirectory workers, JobPublisher publisher,
                            TopicReader<?> events, WorkerExecutor validation, GatewayMetrics metrics) {
        this.config = config;
        this.store = store;
        this.workers = workers;
        this.publisher = publisher;
        this.events = events;
        this.validation = validation;
        this.metrics = metrics;
        this.validator = new SubmissionValidator(config.imageLimits());
    }

    public void mount(Router router) {
        router.post("/v1/completions").handler(this::submit);
    }

    private void submit(RoutingContext ctx) {
        MultipartForm.read(ctx.request(), config.maxBodyBytes())
                .map(form -> validator.checkFields(form, workers))
                .compose(this::checkQueue)
                .compose(fields -> validation.executeBlocking(() -> prepare(fields), false))
                .compose(this::enqueue)
                .onSuccess(job -> {
                    metrics.submitted();
                    String self = "/v1/jobs/" + job.id();
                    ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                            .putHeader("Location", self)
                            .end(new JsonObject().put("id", job.id()).put("status", "queued").put("self", self)
                                    .put("events", self + "/events").encode());
                })
                .onFailure(e -> fail(ctx, e));
    }

    private Future<SubmissionValidator.Fields> checkQueue(SubmissionValidator.Fields fields) {
        if (store.queuedJobs() >= config.maxQueuedJobs()) {
            return Future.failedFuture(new ApiError(429, "queue_full", store.queuedJobs()
                    + " jobs are queued, the limit is " + config.maxQueuedJobs() + "; retry later"));
        }
        return Future.succeededFuture(fields);
    }

    /** A validated job and its request record, encoded off the event loop (it holds the files). */
    private record Prepared(CompletionJob job, byte[] record) {}

    private Prepared prepare(SubmissionValidator.Fields fields) {
        CompletionJob job = validator.checkImages(fields);
        return new Prepared(job, JobCodec.encode(job));
    }

    private Future<CompletionJob> enqueue(Prepared prepared) {
        CompletionJob job = prepared.job();
        return publisher.submit(job, prepared.record())
                .recover(e -> Future.failedFuture(new ApiError(503, "kafka_unavailable",
                        "the job queue (Kafka) is unreachable: " + oneLine(e.getMessage()))))
                .compose(where -> events.awaitHandled(where.getPartition(), where.getOffset(),
                                config.submitTimeoutMs(), TimeUnit.MILLISECONDS)
                        .recover(slow -> Future.succeededFuture()))
                .map(job);
    }

    private void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ApiError error) {
            metrics.rejected(error.code());
            if (error.status() == 429) {
                ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
            }
            error.send(ctx.response());
        } else {
            LOG.error("submission failed", e);
            new ApiError(500, "internal", "internal error: " + oneLine(e.toString())).send(ctx.response());
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ");
    }
}
