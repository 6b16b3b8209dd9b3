package picnet.gateway.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import picnet.gateway.jobs.JobPublisher;
import picnet.gateway.jobs.JobStore;

/**
 * POST /v1/trainings: a JSON body, checked field by field ({@link TrainingValidator}), then enqueued on the
 * training topic like a completion: 429 while the queue is full, 503 when Kafka is unreachable, 202 once
 * this gateway has read the job's queued event back.
 */
public final class TrainingRoutes {
    /** Far above any real body (ten short fields). */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final JobStore store;
    private final JobPublisher publisher;
    private final Submissions submissions;

    public TrainingRoutes(JobStore store, JobPublisher publisher, Submissions submissions) {
        this.store = store;
        this.publisher = publisher;
        this.submissions = submissions;
    }

    public void mount(Router router) {
        router.post("/v1/trainings").handler(this::submit);
    }

    private void submit(RoutingContext ctx) {
        JsonBody.read(ctx.request(), MAX_BODY_BYTES)
                .map(body -> TrainingValidator.check(body, store))
                .compose(submissions::checkQueue)
                .compose(job -> submissions.readBack(publisher.submit(job)).map(job))
                .onSuccess(job -> submissions.accepted(ctx, job.id()))
                .onFailure(e -> submissions.refused(ctx, e));
    }
}
