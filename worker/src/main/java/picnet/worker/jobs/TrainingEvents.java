package picnet.worker.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.common.jobs.JobEvent;
import picnet.worker.training.TrainingListener;

/**
 * A running training's reports as job events: {@code progress} at most once per {@code progressMs} (a GPU
 * makes many steps a second), always for the first step of an attempt and the last step of the run;
 * every {@code preview} grid as a PNG; every {@code checkpoint} (its file relative to the runs folder). Called on the training thread.
 */
final class TrainingEvents implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingEvents.class);

    private final String jobId;
    private final Path runsDir;
    private final long progressMs;
    private final Consumer<JobEvent> emit;
    private long lastProgressNanos;
    private boolean sentOne;
    private volatile long steps;

    TrainingEvents(String jobId, Path runsDir, long progressMs, Consumer<JobEvent> emit) {
        this.jobId = jobId;
        this.runsDir = runsDir;
        this.progressMs = progressMs;
        this.emit = emit;
    }

    @Override
    public void onStep(StepReport r) {
        steps++;
        long now = System.nanoTime();
        boolean due = !sentOne || r.step() >= r.totalSteps() || now - lastProgressNanos >= progressMs * 1_000_000;
        if (!due) {
            return;
        }
        sentOne = true;
        lastProgressNanos = now;
        Map<String, Double> losses = new LinkedHashMap<>();
        r.losses().asMap().forEach((name, value) -> losses.put(name, value.doubleValue()));
        emit.accept(JobEvent.trainingProgress(jobId, r.step(), r.totalSteps(), losses, r.stepsPerSecond(),
                r.eta().toMillis() / 1000.0, System.currentTimeMillis()));
    }

    /** Steps reported in this attempt. */
    long stepsReported() {
        return steps;
    }

    @Override
    public void onPreview(long step, RgbImage grid, Path file) {
        byte[] png = ImageFiles.writePng(grid);
        if (!CompletionJobRunner.fitsAnEvent(png.length)) {
            LOG.warn("job {}: the step-{} preview ({} bytes) is too large for an event; it stays at {}", jobId, step,
                    png.length, file);
            return;
        }
        emit.accept(JobEvent.preview(jobId, step, png, System.currentTimeMillis()));
    }

    @Override
    public void onCheckpoint(long step, Path file) {
        emit.accept(JobEvent.checkpoint(jobId, step, runsDir.relativize(file.toAbsolutePath()).toString(),
                System.currentTimeMillis()));
    }
}
