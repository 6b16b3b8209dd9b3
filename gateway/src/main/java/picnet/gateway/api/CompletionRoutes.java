package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import picnet.gateway.GatewayConfig;
import picnet.gateway.jobs.JobPublisher;
import picnet.gateway.jobs.WorkerDirectory;

/**
 * POST /v1/completions: reads the multipart body in memory, validates it (fields on the event loop, the
 * image files on the validation executor), refuses when the queue is full (429) or Kafka is unreachable
 * (503), enqueues, and answers 202 once this gateway has read the job's queued event back, so that an
 * immediate GET of the job finds it.
 */
public final class CompletionRoutes {
    private final GatewayConfig config;
    private final WorkerDirectory workers;
    private final JobPublisher publisher;
    private final WorkerExecutor validation;
    private final Submissions submissions;
    private final SubmissionValidator validator;

    public CompletionRoutes(GatewayConfig config, WorkerDirectory workers, JobPublisher publisher,
                            WorkerExecutor validation, Submissions submissions) {
        this.config = config;
        this.workers = workers;
        this.publisher = publisher;
        this.validation = validation;
        this.submissions = submissions;
        this.validator = new SubmissionValidator(config.imageLimits());
    }

    public void mount(Router router) {
        router.post("/v1/completions").handler(this::submit);
    }

    private void submit(RoutingContext ctx) {
        MultipartForm.read(ctx.request(), config.maxBodyBytes())
                .map(form -> validator.checkFields(form, workers))
                .compose(submissions::checkQueue)
                .compose(fields -> validation.executeBlocking(() -> prepare(fields), false))
                .compose(this::enqueue)
                .onSuccess(id -> submissions.accepted(ctx, id))
                .onFailure(e -> submissions.refused(ctx, e));
    }

    /** A validated job's records, encoded off the event loop (they hold the files). */
    private JobPublisher.EncodedCompletion prepare(SubmissionValidator.Fields fields) {
        return JobPublisher.EncodedCompletion.of(validator.checkImages(fields));
    }

    private Future<String> enqueue(JobPublisher.EncodedCompletion job) {
        return submissions.readBack(publisher.submit(job)).map(job.jobId());
    }
}
