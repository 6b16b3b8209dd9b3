package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Training learns: on a small synthetic set at 96x96, the reconstruction error inside the hole of a
 * fixed held-out batch (fixed masks, fixed posterior noise) falls below 60% of its untrained value.
 *
 * <p>Why this cannot pass by chance: an untrained model's reconstruction is unrelated to the
 * picture, and its hole error is nearly the same whatever the initial weights; the test measures
 * that spread over three seeds and requires it to be small (under 15% of the mean), so a 40% drop
 * is many spreads away from what any untrained model gives.
 *
 * <p>Opt-in ({@code -Dpicnet.test.convergence=true}, steps via {@code -Dpicnet.test.convergenceSteps}):
 * PICNet learns the hole slowly at the paper's rate. Measured on 2 shared CPU cores, batch 2, lr 1e-4:
 * untrained 0.324 / 0.314 / 0.308 over seeds (spread 0.016), after 150 steps 0.300 (13 minutes under
 * load), which does not meet the 60% bar; higher rates (3e-4 and up) made it worse, 2e-3 diverged.
 * It needs a longer run (a GPU) to pass; {@link TrainingStepDescentTest} is the fast proof that the
 * loop descends.
 */
class TrainingConvergenceTest {
    static final int SIZE = 96;
    static final int BATCH = 2;
    static final long STEPS = Long.getLong("picnet.test.convergenceSteps", 150);

    @Test
    void holeReconstructionErrorFallsClearly(@TempDir Path tmp) throws Exception {
        assumeTrue(Boolean.getBoolean("picnet.test.convergence"), "opt-in: -Dpicnet.test.convergence=true");
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
                .optPreviewSamples(2).optSeed(7).build();
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
        System.out.printf("hole L1: untrained (seed 7) %.4f, after %d steps %.4f%n", untrained.get(0), STEPS, trained);
        assertTrue(trained < 0.6 * untrained.get(0), "hole L1 " + trained + " did not fall below 60% of " + untrained.get(0));
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
