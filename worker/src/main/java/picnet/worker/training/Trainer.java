package picnet.worker.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.worker.data.BatchLoader;
import picnet.worker.data.Seeds;
import picnet.worker.data.TrainingBatch;
import picnet.worker.data.TrainingDataset;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/**
 * The training loop of a run directory ({@code checkpoints/}, {@code previews/}): batches from a
 * {@link TrainingDataset} through {@link TrainingStep}s up to {@code options.steps()}, with
 * checkpoints, previews and progress reported to a {@link TrainingListener}, and cancellation checked
 * between steps. A resumed run restores networks, optimisers and the step from the newest complete
 * checkpoint; since every random draw of step s derives from (seed, s), it continues exactly.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingOptions options;
    private final TrainingDataset data;
    private final Path runDir;
    private final Device device;
    private final TrainingListener listener;

    public Trainer(TrainingOptions options, TrainingDataset data, Path runDir, Device device, TrainingListener listener) {
        if (data.size() != options.size()) {
            throw new IllegalArgumentException("dataset size " + data.size() + " != training size " + options.size());
        }
        this.options = options;
        this.data = data;
        this.runDir = runDir;
        this.device = device;
        this.listener = listener;
    }

    /** How a run ended: steps done in this call, where it stands, and whether it was cancelled. */
    public record Result(long startStep, long endStep, Path lastCheckpoint, boolean cancelled) {}

    /**
     * @param resume continue from the newest checkpoint of the run directory (a fresh start if there is none)
     * @param init a model directory to start from instead of random weights (ignored when resuming)
     * @throws IllegalArgumentException if another trainer holds the run directory ({@link RunLock}), the
     *     directory already has checkpoints and {@code resume} is false, or the checkpoint's seed, batch or
     *     size differ from the options
     */
    public Result run(boolean resume, Path init, BooleanSupplier cancelled) {
        try (RunLock lock = RunLock.tryAcquire(runDir).orElseThrow(() -> new IllegalArgumentException(
                runDir + " is being trained by another job or process; wait for it to end"))) {
            return runLocked(resume, init, cancelled);
        }
    }

    private Result runLocked(boolean resume, Path init, BooleanSupplier cancelled) {
        TrainingCheckpoint.removePartials(runDir);
        if (!resume && !TrainingCheckpoint.list(runDir).isEmpty()) {
            throw new IllegalArgumentException(runDir + " already has checkpoints: resume it or choose a new directory");
        }
        Optional<TrainingCheckpoint.Loaded> restored = resume ? TrainingCheckpoint.latest(runDir, device) : Optional.empty();
        PicnetNetworks nets = restored.map(TrainingCheckpoint.Loaded::networks).orElseGet(() -> fresh(init));
        try (TrainingStep step = new TrainingStep(nets, options.schedule(), options.discriminatorSchedule(),
                options.discriminatorAugment(), options.seed(), options.holeWeight())) {
            long start = 0;
            Path lastCheckpoint = null;
            if (restored.isPresent()) {
                TrainingCheckpoint.Loaded c = restored.get();
                checkCompatible(c);
                TrainingCheckpoint.setAsideNewerThan(runDir, c.step());
                step.generatorOptimizer().importState(c.generatorAdam(), c.generatorAdamSteps());
                step.discriminatorOptimizer().importState(c.discriminatorAdam(), c.discriminatorAdamSteps());
                start = c.step();
                lastCheckpoint = c.file();
                LOG.info("resuming {} at step {}", runDir, start);
            }
            return loop(step, start, lastCheckpoint, cancelled);
        } finally {
            nets.close();
        }
    }

    private Result loop(TrainingStep step, long start, Path lastCheckpoint, BooleanSupplier cancelled) {
        long begin = System.nanoTime();
        long done = start;
        TrainingBatch previewBatch = options.previewEvery() > 0 ? BatchLoader.load(data, options.previewImages(), 0) : null;
        try (BatchLoader loader = new BatchLoader(data, options.batch(), start, options.loaderThreads(),
                options.prefetchBatches())) {
            while (done < options.steps()) {
                if (cancelled.getAsBoolean()) {
                    if (lastCheckpoint == null || TrainingCheckpoint.stepOf(lastCheckpoint) != done) {
                        lastCheckpoint = checkpoint(step, done);
                    }
                    return new Result(start, done, lastCheckpoint, true);
                }
                StepLosses losses = runStep(step, loader.next());
                done++;
                double perSecond = (done - start) / ((System.nanoTime() - begin) / 1e9);
                Duration eta = Duration.ofMillis((long) ((options.steps() - done) / perSecond * 1000));
                listener.onStep(new TrainingListener.StepReport(done, options.steps(), losses, perSecond, eta));
                if (done % options.checkpointEvery() == 0 || done == options.steps()) {
                    lastCheckpoint = checkpoint(step, done);
                }
                if (previewBatch != null && done % options.previewEvery() == 0) {
                    preview(step.networks(), previewBatch, done);
                }
            }
        }
        return new Result(start, done, lastCheckpoint, false);
    }

    private StepLosses runStep(TrainingStep step, TrainingBatch batch) {
        PicnetNetworks nets = step.networks();
        Shape image = new Shape(batch.batchSize(), 3, batch.size(), batch.size());
        Shape latent = Previews.latentShape(nets, batch.batchSize());
        int n = (int) latent.size();
        int k = options.holeBestOf();
        float[] noise = Seeds.gaussian(Seeds.random(options.seed(), Seeds.LATENT_NOISE, batch.step()), (1 + k) * n);
        try (NDManager scope = nets.manager().newSubManager()) {
            StepLosses losses = step.run(batch.step(), scope.create(batch.images(), image),
                    scope.create(batch.known(), image),
                    scope.create(java.util.Arrays.copyOfRange(noise, 0, n), latent),
                    scope.create(java.util.Arrays.copyOfRange(noise, n, (1 + k) * n),
                            new Shape(k * latent.get(0), latent.get(1), latent.get(2), latent.get(3))));
            if (!losses.finite()) {
                throw new IllegalStateException("training diverged at step " + batch.step() + ": " + losses.asMap());
            }
            return losses;
        }
    }

    private Path checkpoint(TrainingStep step, long done) {
        Path file = TrainingCheckpoint.write(runDir, done, step, options, options.keep());
        listener.onCheckpoint(done, file);
        return file;
    }

    private void preview(PicnetNetworks nets, TrainingBatch batch, long done) {
        RgbImage grid = Previews.grid(nets, batch, options.previewSamples(), options.seed());
        Path file = runDir.resolve("previews").resolve(String.format("step-%010d.png", done));
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ImageFiles.writePng(grid, file);
        listener.onPreview(done, grid, file);
    }

    private PicnetNetworks fresh(Path init) {
        if (init == null) {
            return PicnetNetworks.random(PicnetConfig.released(options.size()), device, options.seed());
        }
        return ModelLoader.loadAtSize(init, device, options.size());
    }

    private void checkCompatible(TrainingCheckpoint.Loaded c) {
        if (c.seed() != options.seed() || c.batch() != options.batch()
                || c.networks().config().size() != options.size()) {
            throw new IllegalArgumentException(c.file() + " was trained with seed " + c.seed() + ", batch " + c.batch()
                    + ", size " + c.networks().config().size() + "; resume with the same values (got seed "
                    + options.seed() + ", batch " + options.batch() + ", size " + options.size() + ")");
        }
    }
}
