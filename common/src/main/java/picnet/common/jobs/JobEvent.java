package picnet.common.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event of a job, as written to the events topic (keyed by job id). Fields that a type does not use
 * are null. {@code seq} is 0 on the topic: each gateway numbers the events it accepts from the topic's
 * order, so every gateway gives a job the same sequence (see the gateway's DESIGN.md).
 *
 * <ul>
 *   <li>{@code queued}: kind, model, total (samples asked for), top, image (the original image file as
 *       uploaded, PNG or JPEG, so that any gateway can rebuild every sample from the log alone; absent in
 *       events written before it existed)</li>
 *   <li>{@code started}: attempt, worker, total, model (the model that serves it, the worker's default
 *       where the job named none; absent in events written before it existed)</li>
 *   <li>{@code sample}: index, score, patch ({@link Patch}: {@code x}, {@code y} and {@code png}, the PNG
 *       of the part of the photo the sample changed, the hole's bounding box plus its blend margin, with
 *       its top-left corner at (x, y)); the sample is the original image with the patch pasted in.
 *       Events written before patches existed carry {@code png} (the whole sample as a PNG) instead.</li>
 *   <li>{@code progress}: done, total</li>
 *   <li>{@code succeeded}: ranking (the top samples, best first)</li>
 *   <li>{@code failed}: error (one line)</li>
 *   <li>{@code cancelled}: nothing more</li>
 * </ul>
 *
 * Training jobs use {@code queued} (kind {@code training}, model = the name to export, total = steps,
 * training.run = the run directory's name),
 * {@code started}, {@code progress} with {@link Training} (step, steps, losses, rate, ETA), {@code preview}
 * (training.step, png: the preview grid), {@code checkpoint} (training.step, training.checkpoint) and
 * {@code succeeded} with model = the exported model's name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEvent(String type, String jobId, long seq, long at, String kind, String model, Integer attempt,
                       String worker, Integer index, Double score, byte[] png, Integer done, Integer total,
                       Integer top, List<RankedSample> ranking, String error, Training training, byte[] image,
                       Patch patch) {
    public static final String QUEUED = "queued";
    public static final String STARTED = "started";
    public static final String SAMPLE = "sample";
    public static final String PROGRESS = "progress";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String PREVIEW = "preview";
    public static final String CHECKPOINT = "checkpoint";

    public static final Set<String> TERMINAL = Set.of(SUCCEEDED, FAILED, CANCELLED);

    public boolean isTerminal() {
        return TERMINAL.contains(type);
    }

    public JobEvent withSeq(long newSeq) {
        return new JobEvent(type, jobId, newSeq, at, kind, model, attempt, worker, index, score, png, done, total,
                top, ranking, error, training, image, patch);
    }

    /** A completion's first event, carrying the original image file so that any gateway can serve its samples. */
    public static JobEvent queued(CompletionJob job) {
        return new JobEvent(QUEUED, job.id(), 0, job.submittedAt(), CompletionJob.KIND, job.model(), null, null, null,
                null, null, null, job.samples(), job.top(), null, null, null, job.image(), null);
    }

    /** A first event without the original image (as written before it was carried). */
    public static JobEvent queued(String jobId, String kind, String model, int samples, int top, long at) {
        return new JobEvent(QUEUED, jobId, 0, at, kind, model, null, null, null, null, null, null, samples, top,
                null, null, null, null, null);
    }

    public static JobEvent started(String jobId, int attempt, String worker, int total, long at) {
        return started(jobId, attempt, worker, total, null, at);
    }

    /** An attempt's start; {@code model}, when not null, is the model the worker runs the job with. */
    public static JobEvent started(String jobId, int attempt, String worker, int total, String model, long at) {
        return new JobEvent(STARTED, jobId, 0, at, null, model, attempt, worker, null, null, null, null, total, null,
                null, null, null, null, null);
    }

    /** A sample as the patch it makes in the original image. */
    public static JobEvent sample(String jobId, int index, double score, Patch patch, long at) {
        return new JobEvent(SAMPLE, jobId, 0, at, null, null, null, null, index, score, null, null, null, null, null,
                null, null, null, patch);
    }

    /** A sample as a whole image file: the form written before patches existed, still read by gateways. */
    public static JobEvent sample(String jobId, int index, double score, byte[] png, long at) {
        return new JobEvent(SAMPLE, jobId, 0, at, null, null, null, null, index, score, png, null, null, null, null,
                null, null, null, null);
    }

    public static JobEvent progress(String jobId, int done, int total, long at) {
        return new JobEvent(PROGRESS, jobId, 0, at, null, null, null, null, null, null, null, done, total, null,
                null, null, null, null, null);
    }

    public static JobEvent succeeded(String jobId, List<RankedSample> ranking, long at) {
        return new JobEvent(SUCCEEDED, jobId, 0, at, null, null, null, null, null, null, null, null, null, null,
                List.copyOf(ranking), null, null, null, null);
    }

    public static JobEvent failed(String jobId, String error, long at) {
        return new JobEvent(FAILED, jobId, 0, at, null, null, null, null, null, null, null, null, null, null, null,
                oneLine(error), null, null, null);
    }

    public static JobEvent cancelled(String jobId, long at) {
        return new JobEvent(CANCELLED, jobId, 0, at, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /**
     * A sample's changed pixels: a PNG whose top-left corner goes at ({@code x}, {@code y}) of the original
     * image; every other pixel of the sample is the original's.
     */
    public record Patch(int x, int y, byte[] png) {}

    /** A training job's step report: losses by the reference's names (kl_rec, app_g, img_d, ...). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(Long step, Long steps, Map<String, Double> losses, Double stepsPerSecond,
                           Double etaSeconds, String checkpoint, String run) {}

    /** A training job's first event: model = the name to export, total = steps, training.run = the run it trains. */
    public static JobEvent queuedTraining(TrainingJob job) {
        return new JobEvent(QUEUED, job.id(), 0, job.submittedAt(), TrainingJob.KIND, job.name(), null, null, null, null,
                null, null, Math.toIntExact(job.steps()), null, null, null,
                new Training(null, job.steps(), null, null, null, null, job.runName()), null, null);
    }

    public static JobEvent trainingProgress(String jobId, long step, long steps, Map<String, Double> losses,
                                            double stepsPerSecond, double etaSeconds, long at) {
        return new JobEvent(PROGRESS, jobId, 0, at, null, null, null, null, null, null, null, null, null, null, null,
                null, new Training(step, steps, Map.copyOf(losses), stepsPerSecond, etaSeconds, null, null), null, null);
    }

    public static JobEvent preview(String jobId, long step, byte[] png, long at) {
        return new JobEvent(PREVIEW, jobId, 0, at, null, null, null, null, null, null, png, null, null, null, null,
                null, new Training(step, null, null, null, null, null, null), null, null);
    }

    public static JobEvent checkpoint(String jobId, long step, String file, long at) {
        return new JobEvent(CHECKPOINT, jobId, 0, at, null, null, null, null, null, null, null, null, null, null,
                null, null, new Training(step, null, null, null, null, file, null), null, null);
    }

    /** A training job's end: {@code model} is the name its networks were exported as. */
    public static JobEvent trained(String jobId, String model, long at) {
        return new JobEvent(SUCCEEDED, jobId, 0, at, null, model, null, null, null, null, null, null, null, null,
                List.of(), null, null, null, null);
    }

    /** Error texts travel as one line of at most 500 characters. */
    public static String oneLine(String text) {
        String line = text == null ? "unknown error" : text.replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 497) + "..." : line;
    }
}
