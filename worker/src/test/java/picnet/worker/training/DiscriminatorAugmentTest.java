package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.worker.data.Seeds;
import picnet.worker.data.TrainingBatch;
import picnet.worker.data.TrainingDataset;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.training.DiscriminatorAugment.Draw;
import picnet.worker.training.DiscriminatorAugment.Policy;

/** Each policy against the same transform computed by hand on host arrays, and its place in a training step. */
class DiscriminatorAugmentTest {
    private static final int B = 2;
    private static final int C = 3;
    private static final int H = 8;
    private static final int W = 8;

    @Test
    void parsesPolicyListsAndNamesAnUnknownOne() {
        assertEquals(EnumSet.of(Policy.COLOR, Policy.CUTOUT), DiscriminatorAugment.parse("cutout, color").policies());
        assertEquals("color,translation,cutout", DiscriminatorAugment.parse("translation,cutout,color").toString());
        assertFalse(DiscriminatorAugment.parse("none").enabled());
        assertFalse(DiscriminatorAugment.parse("").enabled());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiscriminatorAugment.parse("color,blur"));
        assertTrue(e.getMessage().contains("'blur'"), e.getMessage());
    }

    @Test
    void translationShiftsEachImageByItsOwnOffsetWithZerosShiftedIn() {
        float[] x = ramp();
        int[] dx = {2, -1};
        int[] dy = {-3, 0};
        Draw draw = draw(Set.of(Policy.TRANSLATION), new float[B], new float[B], new float[B], dx, dy, new int[B], new int[B]);
        float[] expected = new float[x.length];
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int xx = 0; xx < W; xx++) {
                        int sy = y - dy[b];
                        int sx = xx - dx[b];
                        boolean inside = sy >= 0 && sy < H && sx >= 0 && sx < W;
                        expected[index(b, c, y, xx)] = inside ? x[index(b, c, sy, sx)] : 0f;
                    }
                }
            }
        }
        assertArrayEquals(expected, applyOnHost(draw, x), 0f);
    }

    @Test
    void colourAppliesBrightnessSaturationAndContrastPerImage() {
        float[] x = ramp();
        float[] brightness = {0.25f, -0.4f};
        float[] saturation = {1.5f, 0.2f};
        float[] contrast = {0.7f, 1.3f};
        Draw draw = draw(Set.of(Policy.COLOR), brightness, saturation, contrast, new int[B], new int[B], new int[B], new int[B]);
        float[] expected = new float[x.length];
        int plane = H * W;
        for (int b = 0; b < B; b++) {
            float[] img = new float[C * plane];
            for (int i = 0; i < C * plane; i++) {
                img[i] = x[b * C * plane + i] + brightness[b];
            }
            for (int p = 0; p < plane; p++) {
                float mean = (img[p] + img[plane + p] + img[2 * plane + p]) / 3;
                for (int c = 0; c < C; c++) {
                    img[c * plane + p] = (img[c * plane + p] - mean) * saturation[b] + mean;
                }
            }
            double sum = 0;
            for (float v : img) {
                sum += v;
            }
            float mean = (float) (sum / img.length);
            for (int i = 0; i < img.length; i++) {
                expected[b * C * plane + i] = (img[i] - mean) * contrast[b] + mean;
            }
        }
        assertArrayEquals(expected, applyOnHost(draw, x), 1e-5f);
    }

    @Test
    void cutoutZeroesAHalfSideSquareClippedToTheImage() {
        float[] x = ramp();
        int side = DiscriminatorAugment.cutoutSide(W); // 4
        int[] cx = {4, 0};
        int[] cy = {4, 7};
        Draw draw = draw(Set.of(Policy.CUTOUT), new float[B], new float[B], new float[B], new int[B], new int[B], cx, cy);
        float[] out = applyOnHost(draw, x);
        int zeroed = 0;
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int xx = 0; xx < W; xx++) {
                        boolean cut = xx >= cx[b] - side / 2 && xx < cx[b] - side / 2 + side
                                && y >= cy[b] - side / 2 && y < cy[b] - side / 2 + side;
                        int i = index(b, c, y, xx);
                        assertEquals(cut ? 0f : x[i], out[i], 0f, "image " + b + " at " + xx + "," + y);
                        zeroed += cut ? 1 : 0;
                    }
                }
            }
        }
        // image 0: a whole 4x4 square in the middle; image 1: columns 0..1, rows 5..7 (the rest lies outside)
        assertEquals(C * (16 + 6), zeroed);
    }

    @Test
    void gradientsFlowBackThroughTheTransformToTheKeptPixelsOnly() {
        Draw draw = draw(Set.of(Policy.TRANSLATION), new float[B], new float[B], new float[B],
                new int[] {3, 0}, new int[] {0, -2}, new int[B], new int[B]);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(ramp(), new Shape(B, C, H, W));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(draw.apply(x).sum());
            }
            float[] grad = x.getGradient().toFloatArray();
            double total = 0;
            for (float g : grad) {
                assertTrue(g == 0f || g == 1f, "gradient " + g);
                total += g;
            }
            // image 0 keeps 5 of 8 columns, image 1 keeps 6 of 8 rows
            assertEquals(C * (5 * H + 6 * W), total, 0);
        }
    }

    @Test
    void drawsAreReproducibleAndWithinThePaperRanges() {
        DiscriminatorAugment all = DiscriminatorAugment.parse("color,translation,cutout");
        Draw a = all.draw(Seeds.random(5, Seeds.DISCRIMINATOR_AUGMENT, 17), 64, 128);
        Draw b = all.draw(Seeds.random(5, Seeds.DISCRIMINATOR_AUGMENT, 17), 64, 128);
        assertArrayEquals(a.brightness(), b.brightness());
        assertArrayEquals(a.dx(), b.dx());
        assertArrayEquals(a.cutoutY(), b.cutoutY());
        for (int i = 0; i < 64; i++) {
            assertTrue(Math.abs(a.brightness()[i]) <= 0.5f);
            assertTrue(a.saturation()[i] >= 0 && a.saturation()[i] < 2);
            assertTrue(a.contrast()[i] >= 0.5f && a.contrast()[i] < 1.5f);
            assertTrue(Math.abs(a.dx()[i]) <= 16 && Math.abs(a.dy()[i]) <= 16, "shift " + a.dx()[i] + "," + a.dy()[i]);
            assertTrue(a.cutoutX()[i] >= 0 && a.cutoutX()[i] <= 128);
        }
        Draw next = all.draw(Seeds.random(5, Seeds.DISCRIMINATOR_AUGMENT, 18), 64, 128);
        assertFalse(java.util.Arrays.equals(a.dx(), next.dx()), "the next step draws other shifts");
    }

    /**
     * In a training step the augmentation changes only what the discriminators see: the KL and L1 terms
     * equal the plain step's, the discriminator losses differ, and the same seed and step give the same
     * losses again (a resumed run draws what it would have).
     */
    @Test
    void aTrainingStepAugmentsOnlyTheDiscriminatorsInputsAndRepeatsExactly() {
        DiscriminatorAugment all = DiscriminatorAugment.parse("color,translation,cutout");
        StepLosses plain = oneStep(DiscriminatorAugment.none());
        StepLosses augmented = oneStep(all);
        StepLosses again = oneStep(all);
        assertEquals(plain.klRec(), augmented.klRec());
        assertEquals(plain.appRec(), augmented.appRec());
        assertEquals(plain.appG(), augmented.appG());
        assertNotEquals(plain.imgD(), augmented.imgD());
        assertNotEquals(plain.imgDRec(), augmented.imgDRec());
        assertTrue(augmented.finite(), augmented.asMap().toString());
        assertEquals(augmented.asMap(), again.asMap());
    }

    /**
     * Two prior samples per image (the best-of-many hole term): the step runs with every fake augmented by
     * its own draw, both samples reach D and the generator's adversarial term, and since the first
     * sample's noise is the one-sample step's, the closer of the two can only lower {@code hole_g}.
     */
    @Test
    void aStepWithTwoPriorSamplesPerImageTakesTheCloserOnesHoleTerm() {
        DiscriminatorAugment augment = DiscriminatorAugment.parse("color,translation,cutout");
        StepLosses one = oneStep(augment, 1, 1);
        StepLosses two = oneStep(augment, 2, 1);
        assertTrue(two.finite(), two.asMap().toString());
        assertTrue(one.holeG() > 0, one.asMap().toString());
        assertTrue(two.holeG() <= one.holeG() * (1 + 1e-5), one.holeG() + " then " + two.holeG());
        assertNotEquals(one.imgD(), two.imgD(), "D sees the second sample among its fakes");
        assertNotEquals(one.adG(), two.adG(), "and so does the generator's adversarial term");
    }

    private static StepLosses oneStep(DiscriminatorAugment augment) {
        return oneStep(augment, 1, 0);
    }

    private static StepLosses oneStep(DiscriminatorAugment augment, int priorSamples, float holeWeight) {
        int size = 96;
        TrainingBatch batch = TrainingBatch.of(0, List.of(
                new TrainingDataset.Sample(SyntheticImages.image(size, 4), MaskGenerator.generate(MaskKind.REGULAR, size, size, 1), null),
                new TrainingDataset.Sample(SyntheticImages.image(size, 5), MaskGenerator.generate(MaskKind.IRREGULAR, size, size, 2), null)),
                size);
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(size), Device.cpu(), 3);
                TrainingStep step = new TrainingStep(nets, new LearningRateSchedule(AdamOptimizer.LR, 10, 0),
                        new LearningRateSchedule(AdamOptimizer.LR, 10, 0), augment, 9, holeWeight);
                NDManager scope = nets.manager().newSubManager()) {
            Shape image = new Shape(2, 3, size, size);
            Shape latent = Previews.latentShape(nets, 2);
            return step.run(3, scope.create(batch.images(), image), scope.create(batch.known(), image),
                    scope.create(Seeds.gaussian(Seeds.random(1, 0, 0), (int) latent.size()), latent),
                    scope.create(Seeds.gaussian(Seeds.random(1, 1, 0), priorSamples * (int) latent.size()),
                            new Shape(priorSamples * latent.get(0), latent.get(1), latent.get(2), latent.get(3))));
        }
    }

    private static Draw draw(Set<Policy> policies, float[] brightness, float[] saturation, float[] contrast,
            int[] dx, int[] dy, int[] cx, int[] cy) {
        return new Draw(EnumSet.copyOf(policies), brightness, saturation, contrast, dx, dy, cx, cy);
    }

    private static float[] applyOnHost(Draw draw, float[] x) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            return draw.apply(m.create(x, new Shape(B, C, H, W))).toFloatArray();
        }
    }

    /** Distinct values in [-1, 1]. */
    private static float[] ramp() {
        float[] x = new float[B * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = -1f + 2f * i / (x.length - 1);
        }
        return x;
    }

    private static int index(int b, int c, int y, int x) {
        return ((b * C + c) * H + y) * W + x;
    }
}
