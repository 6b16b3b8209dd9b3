package picnet.gateway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picnet.common.jobs.JobStatus;
import picnet.gateway.jobs.EventJson;
import picnet.gateway.jobs.JobState;
import picnet.gateway.jobs.TrainingProgress;

/** GET /v1/jobs/{id}: the job as clients see it. */
final class JobJson {
    private JobJson() {}

    static JsonObject of(JobState job) {
        return job.isTraining() ? training(job) : completion(job);
    }

    private static JsonObject completion(JobState job) {
        JobStatus status = job.status();
        return common(job)
                .put("model", job.model())
                .put("progress", new JsonObject().put("done", job.done()).put("total", job.total()))
                .put("top", job.top())
                .put("samples", EventJson.samples(job.id(), job.listedSamples()))
                .put("ranked", status == JobStatus.SUCCEEDED);
    }

    /** name: the model name asked for; model: the name it was exported as, once the job has succeeded. */
    private static JsonObject training(JobState job) {
        TrainingProgress t = job.training();
        JsonArray previews = new JsonArray();
        t.previewSteps().forEach(step -> previews.add(new JsonObject().put("step", step)
                .put("url", EventJson.previewUrl(job.id(), step))));
        return common(job)
                .put("name", job.model())
                .put("model", t.exportedModel())
                .put("progress", new JsonObject().put("done", t.step()).put("total", t.steps()))
                .put("step", t.step())
                .put("steps", t.steps())
                .put("losses", EventJson.losses(t.losses()))
                .put("stepsPerSecond", EventJson.finite(t.stepsPerSecond()))
                .put("etaSeconds", EventJson.finite(t.etaSeconds()))
                .put("checkpoint", t.checkpoint() == null ? null
                        : new JsonObject().put("step", t.checkpointStep()).put("file", t.checkpoint()))
                .put("preview", t.latestPreviewStep().map(step -> EventJson.previewUrl(job.id(), step)).orElse(null))
                .put("previews", previews);
    }

    private static JsonObject common(JobState job) {
        return new JsonObject()
                .put("id", job.id())
                .put("kind", job.kind())
                .put("status", job.status().wireName())
                .put("attempt", job.attempt())
                .put("error", job.error())
                .put("self", "/v1/jobs/" + job.id())
                .put("events", "/v1/jobs/" + job.id() + "/events");
    }
}
