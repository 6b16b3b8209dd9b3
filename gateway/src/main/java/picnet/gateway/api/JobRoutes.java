package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picnet.common.jobs.JobStatus;
import picnet.gateway.GatewayConfig;
import picnet.gateway.jobs.JobPublisher;
import picnet.gateway.jobs.JobState;
import picnet.gateway.jobs.JobStore;
import picnet.gateway.kafka.TopicReader;

/** GET /v1/jobs/{id}, GET /v1/jobs/{id}/samples/{index}.png and DELETE /v1/jobs/{id} (cancel). */
public final class JobRoutes {
    private static final Pattern SAMPLE_FILE = Pattern.compile("(\\d{1,3})\\.png");

    private final GatewayConfig config;
    private final JobStore store;
    private final JobPublisher publisher;
    private final TopicReader<?> events;

    public JobRoutes(GatewayConfig config, JobStore store, JobPublisher publisher, TopicReader<?> events) {
        this.config = config;
        this.store = store;
        this.publisher = publisher;
        this.events = events;
    }

    public void mount(Router router) {
        router.get("/v1/jobs/:id").handler(this::getJob);
        router.get("/v1/jobs/:id/samples/:file").handler(this::getSample);
        router.delete("/v1/jobs/:id").handler(this::cancel);
    }

    private void getJob(RoutingContext ctx) {
        JobState job = find(ctx);
        if (job != null) {
            json(ctx, 200, JobJson.of(job).encode());
        }
    }

    private void getSample(RoutingContext ctx) {
        JobState job = find(ctx);
        if (job == null) {
            return;
        }
        Matcher m = SAMPLE_FILE.matcher(ctx.pathParam("file"));
        JobState.Sample sample = m.matches() ? job.sample(Integer.parseInt(m.group(1))) : null;
        if (sample == null || sample.png() == null) {
            ApiError.notFound("job " + job.id() + " has no sample '" + ctx.pathParam("file") + "'")
                    .send(ctx.response());
            return;
        }
        ctx.response().putHeader("Content-Type", "image/png")
                .putHeader("Cache-Control", "public, max-age=31536000, immutable")
                .putHeader("Content-Disposition", "inline; filename=\"" + job.id() + "-" + sample.index() + ".png\"")
                .end(Buffer.buffer(sample.png()));
    }

    private void cancel(RoutingContext ctx) {
        JobState job = find(ctx);
        if (job == null) {
            return;
        }
        if (job.status().isTerminal()) {
            new ApiError(409, "already_finished", "job " + job.id() + " has already " + job.status().wireName())
                    .send(ctx.response());
            return;
        }
        boolean queued = job.status() == JobStatus.QUEUED;
        publisher.cancel(job.id())
                .compose(v -> queued ? publisher.cancelled(job.id())
                        .compose(where -> events.awaitHandled(where.getPartition(), where.getOffset(),
                                config.submitTimeoutMs(), TimeUnit.MILLISECONDS).recover(slow -> Future.succeededFuture()))
                        : Future.succeededFuture())
                .onSuccess(v -> json(ctx, 202, JobJson.of(job).put("cancelRequested", true).encode()))
                .onFailure(e -> new ApiError(503, "kafka_unavailable", "the job queue (Kafka) is unreachable: "
                        + CompletionRoutes.oneLine(e.getMessage())).send(ctx.response()));
    }

    private JobState find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JobState job = store.get(id).orElse(null);
        if (job == null) {
            ApiError.notFound("no job with id '" + id + "'").send(ctx.response());
        }
        return job;
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
