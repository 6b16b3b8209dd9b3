package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.worker.data.Seeds;
import picnet.worker.data.TrainingBatch;
import picnet.worker.data.TrainingDataset;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/**
 * Repeated steps on one fixed batch (same image, mask and noise) drive its reconstruction loss
 * down: the whole loop (gradients, both Adam updates, frozen discriminators, spectral norm advancing)
 * descends the objective over many steps, which the one-step fixture test cannot show.
 *
 * <p>Measured (2 shared CPU cores): app_rec 30.2 at step 0, 15.5 at step 20, 11.3 at step 30, 8.6 at
 * step 39. Batch, noise and weights are fixed, so the numbers are deterministic: no luck is involved;
 * a sign error or a missing update leaves app_rec flat or rising.
 */
class TrainingStepDescentTest {
    static final int SIZE = 96;
    static final int STEPS = 30;

    @Test
    void reconstructionLossOfAFixedBatchFalls() {
        TrainingBatch batch = TrainingBatch.of(0, List.of(new TrainingDataset.Sample(
                SyntheticImages.image(SIZE, 11), MaskGenerator.generate(MaskKind.REGULAR, SIZE, SIZE, 3), null)), SIZE);
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 3);
                TrainingStep step = new TrainingStep(nets, new LearningRateSchedule(AdamOptimizer.LR, STEPS, 0));
                NDManager scope = nets.manager().newSubManager()) {
            Shape image = new Shape(1, 3, SIZE, SIZE);
            Shape latent = Previews.latentShape(nets, 1);
            var truth = scope.create(batch.images(), image);
            var mask = scope.create(batch.known(), image);
            var epsP = scope.create(Seeds.gaussian(Seeds.random(1, 0, 0), (int) latent.size()), latent);
            var epsQ = scope.create(Seeds.gaussian(Seeds.random(1, 1, 0), (int) latent.size()), latent);
            float first = 0;
            float lastMean = 0;
            for (int s = 0; s < STEPS; s++) {
                StepLosses l = step.run(s, truth, mask, epsP, epsQ);
                if (s == 0) {
                    first = l.appRec();
                }
                if (s >= STEPS - 5) {
                    lastMean += l.appRec() / 5;
                }
                if (s % 10 == 0 || s == STEPS - 1) {
                    System.out.printf("step %d: %s%n", s, l.asMap());
                }
            }
            System.out.printf("app_rec first %.3f, mean of last five %.3f%n", first, lastMean);
            assertTrue(lastMean < 0.6 * first, "app_rec " + first + " -> " + lastMean);
        }
    }
}
