package picnet.gateway.api;

import io.vertx.core.json.JsonObject;
import picnet.common.jobs.JobStatus;
import picnet.gateway.jobs.EventJson;
import picnet.gateway.jobs.JobState;

/** GET /v1/jobs/{id}: the job as clients see it. */
final class JobJson {
    private JobJson() {}

    static JsonObject of(JobState job) {
        JobStatus status = job.status();
        return new JsonObject()
                .put("id", job.id())
                .put("kind", job.kind())
                .put("status", status.wireName())
                .put("model", job.model())
                .put("progress", new JsonObject().put("done", job.done()).put("total", job.total()))
                .put("top", job.top())
                .put("attempt", job.attempt())
                .put("samples", EventJson.samples(job.id(), job.listedSamples()))
                .put("ranked", status == JobStatus.SUCCEEDED)
                .put("error", job.error())
                .put("self", "/v1/jobs/" + job.id())
                .put("events", "/v1/jobs/" + job.id() + "/events");
    }
}
