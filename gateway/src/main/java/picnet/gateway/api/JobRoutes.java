package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.JobStatus;
import picnet.gateway.jobs.JobPublisher;
import picnet.gateway.jobs.JobState;
import picnet.gateway.jobs.JobStore;
import picnet.gateway.jobs.TrainingProgress;

/**
 * GET /v1/jobs/{id}, GET /v1/jobs/{id}/samples/{index}.png, GET /v1/jobs/{id}/previews/{step|latest}.png
 * and DELETE /v1/jobs/{id} (cancel).
 */
public final class JobRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(JobRoutes.class);
    private static final Pattern SAMPLE_FILE = Pattern.compile("(\\d{1,3})\\.png");
    private static final Pattern PREVIEW_FILE = Pattern.compile("(\\d{1,18}|latest)\\.png");
    private static final int MIN_THUMBNAIL_WIDTH = 16;
    private static final int MAX_THUMBNAIL_WIDTH = 4096;
    private static final Pattern THUMBNAIL_WIDTH = Pattern.compile("\\d{1,4}");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final JobStore store;
    private final JobPublisher publisher;
    private final Submissions submissions;
    private final SampleImages sampleImages;

    public JobRoutes(JobStore store, JobPublisher publisher, Submissions submissions, SampleImages sampleImages) {
        this.store = store;
        this.publisher = publisher;
        this.submissions = submissions;
        this.sampleImages = sampleImages;
    }

    public void mount(Router router) {
        router.get("/v1/jobs/:id").handler(this::getJob);
        router.get("/v1/jobs/:id/samples/:file").handler(this::getSample);
        router.get("/v1/jobs/:id/previews/:file").handler(this::getPreview);
        router.delete("/v1/jobs/:id").handler(this::cancel);
    }

    private void getJob(RoutingContext ctx) {
        JobState job = find(ctx);
        if (job != null) {
            json(ctx, 200, JobJson.of(job).encode());
        }
    }

    /**
     * A sample's PNG, rebuilt from the job's original and the sample's patch off the event loop; with
     * {@code ?width=N} (16..4096) scaled down to at most N pixels wide, for thumbnails.
     */
    private void getSample(RoutingContext ctx) {
        JobState job = find(ctx);
        if (job == null) {
            return;
        }
        Matcher m = SAMPLE_FILE.matcher(ctx.pathParam("file"));
        JobState.Sample sample = m.matches() ? job.sample(Integer.parseInt(m.group(1))) : null;
        if (sample == null) {
            ApiError.notFound("job " + job.id() + " has no sample '" + ctx.pathParam("file") + "'")
                    .send(ctx.response());
            return;
        }
        String widthParam = ctx.queryParams().get("width");
        int width = widthParam != null && THUMBNAIL_WIDTH.matcher(widthParam).matches() ? Integer.parseInt(widthParam) : -1;
        if (widthParam != null && (width < MIN_THUMBNAIL_WIDTH || width > MAX_THUMBNAIL_WIDTH)) {
            ApiError.invalidField(400, "width", "width must be an integer in " + MIN_THUMBNAIL_WIDTH + ".."
                    + MAX_THUMBNAIL_WIDTH + ", got " + JsonFields.shown(widthParam)).send(ctx.response());
            return;
        }
        (widthParam == null ? sampleImages.png(job, sample) : sampleImages.png(job, sample, width))
                .onSuccess(png -> png(ctx, png, IMMUTABLE, job.id() + "-" + sample.index() + ".png"))
                .onFailure(e -> {
                    if (!(e instanceof ApiError)) {
                        LOG.error("sample {} of job {} could not be made", sample.index(), job.id(), e);
                    }
                    if (!ctx.response().closed()) {
                        (e instanceof ApiError error ? error : new ApiError(500, "internal", "the sample could not be"
                                + " made: " + Submissions.oneLine(e.getMessage()))).send(ctx.response());
                    }
                });
    }

    /** A training's preview grid by step (immutable), or the latest one (changes as the job runs). */
    private void getPreview(RoutingContext ctx) {
        JobState job = find(ctx);
        if (job == null) {
            return;
        }
        Matcher m = PREVIEW_FILE.matcher(ctx.pathParam("file"));
        TrainingProgress training = job.training();
        boolean latest = m.matches() && m.group(1).equals("latest");
        Optional<Long> step = !m.matches() || training == null ? Optional.empty()
                : latest ? training.latestPreviewStep() : Optional.of(Long.parseLong(m.group(1)));
        Optional<byte[]> preview = step.flatMap(s -> training.preview(s));
        if (preview.isEmpty()) {
            ApiError.notFound("job " + job.id() + " has no preview '" + ctx.pathParam("file") + "'"
                    + (training == null ? "" : "; kept: " + training.previewSteps())).send(ctx.response());
            return;
        }
        png(ctx, preview.get(), latest ? "no-cache" : IMMUTABLE, job.id() + "-preview-" + step.get() + ".png");
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
        Submissions.unavailableAs503(publisher.cancel(job.id()))
                .compose(v -> queued ? submissions.readBack(publisher.cancelled(job.id())) : Future.succeededFuture())
                .onSuccess(v -> json(ctx, 202, JobJson.of(job).put("cancelRequested", true).encode()))
                .onFailure(e -> (e instanceof ApiError error ? error : new ApiError(500, "internal", "internal error"))
                        .send(ctx.response()));
    }

    private JobState find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JobState job = store.get(id).orElse(null);
        if (job == null) {
            ApiError.notFound("no job with id '" + id + "'").send(ctx.response());
        }
        return job;
    }

    private static void png(RoutingContext ctx, byte[] png, String cacheControl, String filename) {
        if (ctx.response().closed()) {
            return;
        }
        ctx.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", cacheControl)
                .putHeader("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .end(Buffer.buffer(png));
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
