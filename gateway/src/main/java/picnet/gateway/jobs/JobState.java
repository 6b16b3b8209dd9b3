package picnet.gateway.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.JobStatus;
import picnet.common.jobs.RankedSample;
import picnet.common.jobs.TrainingJob;

/**
 * What a gateway knows of one job, rebuilt from the event log alone. The accepted events are kept in
 * order with their sequence numbers, so a client can be replayed the whole history.
 */
public final class JobState {
    private final String id;
    private final String kind;
    private String model;
    private final int top;
    private final long queuedAt;
    private final byte[] original;
    private JobStatus status = JobStatus.QUEUED;
    private int done;
    private int total;
    private int attempt;
    private String error;
    private long finishedAt;
    private final Map<Integer, Sample> samples = new LinkedHashMap<>();
    private List<RankedSample> ranking = List.of();
    private final List<io.vertx.core.json.JsonObject> events = new ArrayList<>();
    private final TrainingProgress training;

    /**
     * A sample: its score and either the patch it makes in the original image or, as events written before
     * patches carry it, the whole sample's PNG file ({@code png}, else null).
     */
    public record Sample(int index, double score, JobEvent.Patch patch, byte[] png) {}

    /**
     * @param original the original image file of a completion (null for a training, or when its queued
     *                 event was written before the original travelled with it)
     * @param run the run directory a training trains (its own id unless it resumes another run), else null
     */
    JobState(String id, String kind, String model, int total, int top, long queuedAt, byte[] original, String run) {
        this.id = id;
        this.kind = kind;
        this.model = model;
        this.total = total;
        this.top = top;
        this.queuedAt = queuedAt;
        this.original = original;
        this.training = TrainingJob.KIND.equals(kind) ? new TrainingProgress(total, run) : null;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String model() {
        return model;
    }

    public JobStatus status() {
        return status;
    }

    public int done() {
        return done;
    }

    public int total() {
        return total;
    }

    public int top() {
        return top;
    }

    public int attempt() {
        return attempt;
    }

    public String error() {
        return error;
    }

    public long queuedAt() {
        return queuedAt;
    }

    /** The original image file as uploaded (PNG or JPEG), kept once per job; null when unknown. */
    public byte[] original() {
        return original;
    }

    public long finishedAt() {
        return finishedAt;
    }

    /** The training part of the state; null unless this is a training job. */
    public TrainingProgress training() {
        return training;
    }

    public boolean isTraining() {
        return training != null;
    }

    public Sample sample(int index) {
        return samples.get(index);
    }

    /** Samples in draw order while the job runs; the ranked top once it has succeeded. */
    public List<RankedSample> listedSamples() {
        if (status == JobStatus.SUCCEEDED && !ranking.isEmpty()) {
            return ranking;
        }
        return samples.values().stream().map(s -> new RankedSample(s.index(), s.score())).toList();
    }

    /** Every accepted event so far, in order, as sent to clients. */
    public List<io.vertx.core.json.JsonObject> events() {
        return Collections.unmodifiableList(events);
    }

    long nextSeq() {
        return events.size() + 1L;
    }

    void record(io.vertx.core.json.JsonObject clientEvent) {
        events.add(clientEvent);
    }

    /** Bytes of image data this job holds: its original, its samples' patches or PNGs, a training's previews. */
    long heldBytes() {
        long bytes = original == null ? 0 : original.length;
        for (Sample s : samples.values()) {
            bytes += s.patch() != null ? s.patch().png().length : s.png() != null ? s.png().length : 0;
        }
        return bytes + (training == null ? 0 : training.previewBytes());
    }

    boolean hasSample(int index) {
        return samples.containsKey(index);
    }

    void addSample(int index, double score, JobEvent.Patch patch, byte[] png) {
        samples.put(index, new Sample(index, score, patch, png));
    }

    /** @param servingModel the model the worker runs it with; names a default-model job's model (null: no news) */
    void started(int attemptNumber, int totalSamples, String servingModel) {
        status = JobStatus.RUNNING;
        if (model == null && servingModel != null) {
            model = servingModel;
        }
        attempt = attemptNumber;
        if (totalSamples > 0) {
            total = totalSamples;
        }
    }

    void progress(int doneSamples, int totalSamples) {
        done = doneSamples;
        total = totalSamples;
    }

    void finish(JobStatus terminal, List<RankedSample> rankedTop, String reason, long at) {
        status = terminal;
        ranking = rankedTop == null ? List.of() : List.copyOf(rankedTop);
        error = reason;
        finishedAt = at;
        if (terminal == JobStatus.SUCCEEDED) {
            done = total;
        }
    }
}
