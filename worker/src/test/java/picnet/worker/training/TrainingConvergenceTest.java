package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.worker.data.ImageSources;
import picnet.worker.data.MaskSource;
import picnet.worker.data.Seeds;
import picnet.worker.data.SkippedFiles;
import picnet.worker.data.TrainingBatch;
import picnet.worker.data.TrainingDataset;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/**
 * Training learns: on a small synthetic set at 96x96, 200 steps at batch 4 bring the reconstruction
 * error inside the hole of a fixed held-out batch (fixed masks, fixed posterior noise, images the
 * training set does not contain) below 80% of the best untrained value over three seeds.
 *
 * <p>Why this cannot pass by chance: an untrained model's reconstruction is unrelated to the picture,
 * and its hole error is nearly the same whatever the initial weights; the test measures that spread
 * over three seeds and requires it to be small (under 15% of the mean). Measured: untrained 0.324 /
 * 0.314 / 0.308 (spread 0.016), trained 0.218, so the 0.8 bar (0.246) sits four spreads below the best
 * untrained model. Every random draw is seeded, so the run is the same each time up to float rounding.
 *
 * <p>The learning rate is 3e-4 rather than the paper's 1e-4 only so that 200 steps suffice (with 1e-4,
 * 300 steps gave 0.250); everything else is the paper's objective and schedule.
 */
class TrainingConvergenceTest {
    static final int SIZE = 96;
    static final int BATCH = 4;
    static final long STEPS = 200;
    static final float LEARNING_RATE = 3e-4f;

    @Test
    void holeReconstructionErrorFallsClearly(@TempDir Path tmp) throws Exception {
        SyntheticImages.write(tmp.resolve("data"), 32, SIZE, 1);
        TrainingBatch heldOut = heldOutBatch();
        int latent = (int) Previews.latentShape(PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 0), 1).size();
        float[] eps = Seeds.gaussian(Seeds.random(99, 0, 0), heldOut.batchSize() * latent);

        List<Double> untrained = new ArrayList<>();
        for (long seed : new long[] {7, 8, 9}) {
            try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), seed)) {
                untrained.add(Previews.holeL1(nets, heldOut, eps));
            }
        }
        double mean = untrained.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double spread = untrained.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - untrained.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        System.out.printf("untrained hole L1 over seeds: %s (spread %.4f)%n", untrained, spread);
        assertTrue(spread < 0.15 * mean, "untrained hole L1 varies too much over seeds: " + untrained);

        TrainingOptions options = TrainingOptions.builder().optSize(SIZE).optBatch(BATCH).optSteps(STEPS)
                .optNiter(STEPS).optCheckpointEvery(STEPS).optKeep(1).optPreviewEvery(STEPS).optPreviewImages(2)
                .optPreviewSamples(2).optSeed(7).optLearningRate(LEARNING_RATE).build();
        TrainingDataset data = new TrainingDataset(ImageSources.list(tmp.resolve("data")), SIZE,
                MaskSource.of(List.of(MaskKind.REGULAR, MaskKind.IRREGULAR)), options.seed(), new SkippedFiles());
        Path run = tmp.resolve("run");
        long start = System.nanoTime();
        Trainer.Result result = new Trainer(options, data, run, Device.cpu(), new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                if (r.step() % 25 == 0) {
                    System.out.printf("step %d: %s, %.2f steps/s%n", r.step(), r.losses().asMap(), r.stepsPerSecond());
                }
            }
        }).run(false, null, () -> false);
        System.out.printf("%d steps in %.1f s%n", STEPS, (System.nanoTime() - start) / 1e9);
        assertEquals(STEPS, result.endStep());
        assertTrue(Files.isRegularFile(run.resolve("previews").resolve(String.format("step-%010d.png", STEPS))));

        double trained;
        try (PicnetNetworks nets = TrainingCheckpoint.read(result.lastCheckpoint(), Device.cpu()).networks()) {
            trained = Previews.holeL1(nets, heldOut, eps);
        }
        double bestUntrained = untrained.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        System.out.printf("hole L1: best untrained %.4f, after %d steps %.4f%n", bestUntrained, STEPS, trained);
        assertTrue(trained < 0.8 * bestUntrained, "hole L1 " + trained + " did not fall below 80% of " + bestUntrained);
    }

    /** Four images the training set does not contain, each with its own fixed regular mask. */
    static TrainingBatch heldOutBatch() {
        List<picnet.worker.data.TrainingDataset.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            samples.add(new TrainingDataset.Sample(SyntheticImages.image(SIZE, 500_000 + i),
                    MaskGenerator.generate(MaskKind.REGULAR, SIZE, SIZE, 40 + i), null));
        }
        return TrainingBatch.of(0, samples, SIZE);
    }
}
