package picnet.gateway.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.RankedSample;

/**
 * The JSON that clients see for an event: {"type", "jobId", "seq", "time", ...}; samples and previews as
 * URLs, never bytes.
 */
public final class EventJson {
    private EventJson() {}

    public static JsonObject toClient(JobEvent e, long seq, boolean training) {
        JsonObject json = new JsonObject().put("type", e.type()).put("jobId", e.jobId()).put("seq", seq)
                .put("time", e.at());
        if (training) {
            return putTraining(json, e);
        }
        switch (e.type()) {
            case JobEvent.QUEUED -> json.put("kind", e.kind()).put("model", e.model()).put("samples", e.total())
                    .put("top", e.top());
            case JobEvent.STARTED -> putStarted(json, e);
            case JobEvent.SAMPLE -> json.put("index", e.index()).put("score", e.score())
                    .put("url", sampleUrl(e.jobId(), e.index()));
            case JobEvent.PROGRESS -> json.put("done", e.done()).put("total", e.total());
            case JobEvent.SUCCEEDED -> json.put("samples", samples(e.jobId(), e.ranking()));
            case JobEvent.FAILED -> json.put("error", e.error());
            default -> { }
        }
        return json;
    }

    /** Training events: step reports, previews (as URLs), checkpoints and the exported model. */
    private static JsonObject putTraining(JsonObject json, JobEvent e) {
        JobEvent.Training t = e.training();
        switch (e.type()) {
            case JobEvent.QUEUED -> json.put("kind", e.kind()).put("model", e.model()).put("steps", e.total());
            case JobEvent.STARTED -> putStarted(json, e);
            case JobEvent.PROGRESS -> json.put("step", t.step()).put("steps", t.steps())
                    .put("losses", losses(t.losses())).put("stepsPerSecond", finite(t.stepsPerSecond()))
                    .put("etaSeconds", finite(t.etaSeconds()));
            case JobEvent.PREVIEW -> json.put("step", t.step()).put("url", previewUrl(e.jobId(), t.step()));
            case JobEvent.CHECKPOINT -> json.put("step", t.step()).put("checkpoint", t.checkpoint());
            case JobEvent.SUCCEEDED -> json.put("model", e.model());
            case JobEvent.FAILED -> json.put("error", e.error());
            default -> { }
        }
        return json;
    }

    private static void putStarted(JsonObject json, JobEvent e) {
        json.put("attempt", e.attempt()).put("worker", e.worker()).put("total", e.total());
        if (e.model() != null) {
            json.put("model", e.model());
        }
    }

    /** Loss terms by name, sorted; a non-finite value (a diverged run) becomes null, which JSON can carry. */
    public static JsonObject losses(Map<String, Double> losses) {
        JsonObject json = new JsonObject();
        if (losses != null) {
            new TreeMap<>(losses).forEach((name, value) -> json.put(name, finite(value)));
        }
        return json;
    }

    /** The value, or null when it is not finite (JSON has no NaN). */
    public static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
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

    public static String previewUrl(String jobId, long step) {
        return "/v1/jobs/" + jobId + "/previews/" + step + ".png";
    }
}
