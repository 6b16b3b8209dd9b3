package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.gateway.GatewayConfig;
import picnet.gateway.GatewayMetrics;
import picnet.gateway.jobs.JobStore;
import picnet.gateway.kafka.TopicReader;

/**
 * What the submission routes (completions, trainings) share: the queue bound (429 with Retry-After),
 * Kafka failures as 503, answering only once this gateway has read its own event back (so that a GET
 * right after the answer finds the job), the 202 with the job's links, and the error answers.
 */
public final class Submissions {
    private static final Logger LOG = LoggerFactory.getLogger(Submissions.class);

    private final GatewayConfig config;
    private final JobStore store;
    private final TopicReader<?> events;
    private final GatewayMetrics metrics;

    public Submissions(GatewayConfig config, JobStore store, TopicReader<?> events, GatewayMetrics metrics) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.metrics = metrics;
    }

    /** Fails with 429 while the queue is full: by job count, or by the image data unfinished jobs hold. */
    <T> Future<T> checkQueue(T value) {
        if (store.queuedJobs() >= config.maxQueuedJobs()) {
            return Future.failedFuture(new ApiError(429, "queue_full", store.queuedJobs()
                    + " jobs are queued, the limit is " + config.maxQueuedJobs() + "; retry later"));
        }
        long held = store.activeBytes();
        if (held >= config.maxActiveBytes()) {
            return Future.failedFuture(new ApiError(429, "queue_full", "unfinished jobs hold " + mib(held)
                    + " MiB of images, the limit is " + mib(config.maxActiveBytes()) + " MiB; retry later"));
        }
        return Future.succeededFuture(value);
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    /**
     * Completes once the event whose write is {@code sent} has been read back from the events topic (or
     * after the submit timeout: the event is durable, only this gateway is slow); a failed write is 503.
     */
    Future<Void> readBack(Future<RecordMetadata> sent) {
        return unavailableAs503(sent).compose(where -> events.awaitHandled(where.getPartition(), where.getOffset(),
                config.submitTimeoutMs(), TimeUnit.MILLISECONDS).recover(slow -> Future.succeededFuture()));
    }

    static <T> Future<T> unavailableAs503(Future<T> kafkaCall) {
        return kafkaCall.recover(e -> Future.failedFuture(new ApiError(503, "kafka_unavailable",
                "the job queue (Kafka) is unreachable: " + oneLine(e.getMessage()))));
    }

    /** 202 with the job's links, and Location. */
    void accepted(RoutingContext ctx, String jobId) {
        metrics.submitted();
        String self = "/v1/jobs/" + jobId;
        ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json").putHeader("Location", self)
                .end(new JsonObject().put("id", jobId).put("status", "queued").put("self", self)
                        .put("events", self + "/events").encode());
    }

    /** A refused submission (counted by reason), or 500 for anything unexpected. */
    void refused(RoutingContext ctx, Throwable e) {
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
