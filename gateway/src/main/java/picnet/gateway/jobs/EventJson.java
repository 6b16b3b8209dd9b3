package picnet.gateway.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.RankedSample;

/** The JSON that clients see for an event: {"type", "jobId", "seq", "time", ...}; samples as URLs, never bytes. */
public final class EventJson {
    private EventJson() {}

    public static JsonObject toClient(JobEvent e, long seq) {
        JsonObject json = new JsonObject().put("type", e.type()).put("jobId", e.jobId()).put("seq", seq)
                .put("time", e.at());
        switch (e.type()) {
            case JobEvent.QUEUED -> json.put("kind", e.kind()).put("model", e.model()).put("samples", e.total())
                    .put("top", e.top());
            case JobEvent.STARTED -> json.put("attempt", e.attempt()).put("worker", e.worker())
                    .put("total", e.total());
            case JobEvent.SAMPLE -> json.put("index", e.index()).put("score", e.score())
                    .put("url", sampleUrl(e.jobId(), e.index()));
            case JobEvent.PROGRESS -> json.put("done", e.done()).put("total", e.total());
            case JobEvent.SUCCEEDED -> json.put("samples", samples(e.jobId(), e.ranking()));
            case JobEvent.FAILED -> json.put("error", e.error());
            default -> { }
        }
        return json;
    }

    public static JsonArray samples(String jobId, List<RankedSample> samples) {
        JsonArray array = new JsonArray();
        if (samples != null) {
            for (RankedSample s : samples) {
                array.add(new JsonObject().put("index", s.index()).put("score", s.score())
                        .put("url", sampleUrl(jobId, s.index())));
            }
        }
        return array;
    }

    public static String sampleUrl(String jobId, int index) {
        return "/v1/jobs/" + jobId + "/samples/" + index + ".png";
    }
}
