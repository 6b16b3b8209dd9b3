package picnet.worker.training;

import java.nio.file.Path;
import java.time.Duration;
import picnet.common.images.RgbImage;

/** What a running {@link Trainer} reports, on the training thread; a job system streams these. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** After every step. */
    default void onStep(StepReport report) {}

    /** A preview grid of the fixed preview batch, also written to {@code file}. */
    default void onPreview(long step, RgbImage grid, Path file) {}

    /** A checkpoint at {@code step} completed steps is durable at {@code file}. */
    default void onCheckpoint(long step, Path file) {}

    /**
     * @param step completed steps (1 after the first step)
     * @param stepsPerSecond over this run so far (since start or resume)
     * @param eta at that rate, to {@code totalSteps}
     */
    record StepReport(long step, long totalSteps, StepLosses losses, double stepsPerSecond, Duration eta) {}
}
