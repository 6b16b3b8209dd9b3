package picnet.gateway.jobs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picnet.common.jobs.JobEvent;

/**
 * The training part of a job's state: the latest step report, checkpoint and the last few preview grids
 * (older previews are dropped to bound memory). Updated by {@link JobStore} in log order; steps only move
 * forward, so a redelivered run that resumes from an older checkpoint is seen again only once it passes
 * the step reported before.
 */
public final class TrainingProgress {
    /** Preview PNGs kept per job. */
    public static final int KEPT_PREVIEWS = 4;

    private long step;
    private long steps;
    private Map<String, Double> losses = Map.of();
    private Double stepsPerSecond;
    private Double etaSeconds;
    private long checkpointStep;
    private String checkpoint;
    private String exportedModel;
    private final LinkedHashMap<Long, byte[]> previews = new LinkedHashMap<>();
    private long latestPreview = -1;
    private final String run;

    TrainingProgress(long steps, String run) {
        this.steps = steps;
        this.run = run;
    }

    /** The run directory this training trains: a job resuming it continues the same run. */
    public String run() {
        return run;
    }

    public long step() {
        return step;
    }

    public long steps() {
        return steps;
    }

    public Map<String, Double> losses() {
        return losses;
    }

    public Double stepsPerSecond() {
        return stepsPerSecond;
    }

    public Double etaSeconds() {
        return etaSeconds;
    }

    /** The file path (on the worker) of the newest checkpoint, or null. */
    public String checkpoint() {
        return checkpoint;
    }

    public long checkpointStep() {
        return checkpointStep;
    }

    /** The name the trained model was exported as, once the job has succeeded. */
    public String exportedModel() {
        return exportedModel;
    }

    /** The steps of the previews kept, oldest first. */
    public List<Long> previewSteps() {
        return List.copyOf(previews.keySet());
    }

    public Optional<Long> latestPreviewStep() {
        return previews.isEmpty() ? Optional.empty() : Optional.of(latestPreview);
    }

    public Optional<byte[]> preview(long atStep) {
        return Optional.ofNullable(previews.get(atStep));
    }

    /** Applies a training event; false when it does not move the job forward (a redone step), so it is dropped. */
    boolean apply(JobEvent event) {
        JobEvent.Training t = event.training();
        if (t == null || t.step() == null) {
            return false;
        }
        long at = t.step();
        return switch (event.type()) {
            case JobEvent.PROGRESS -> progress(at, t);
            case JobEvent.PREVIEW -> preview(at, event.png());
            case JobEvent.CHECKPOINT -> checkpoint(at, t.checkpoint());
            default -> false;
        };
    }

    void exported(String model) {
        exportedModel = model;
        step = Math.max(step, steps);
    }

    private boolean progress(long at, JobEvent.Training t) {
        if (at <= step) {
            return false;
        }
        step = at;
        if (t.steps() != null) {
            steps = t.steps();
        }
        losses = t.losses() == null ? Map.of() : Map.copyOf(t.losses());
        stepsPerSecond = t.stepsPerSecond();
        etaSeconds = t.etaSeconds();
        return true;
    }

    long previewBytes() {
        return previews.values().stream().mapToLong(png -> png.length).sum();
    }

    private boolean preview(long at, byte[] png) {
        if (png == null || at <= latestPreview) {
            return false;
        }
        previews.put(at, png);
        latestPreview = at;
        Iterator<Long> oldest = previews.keySet().iterator();
        while (previews.size() > KEPT_PREVIEWS) {
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private boolean checkpoint(long at, String file) {
        if (file == null || at <= checkpointStep) {
            return false;
        }
        checkpointStep = at;
        checkpoint = file;
        return true;
    }
}
