package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import picnet.common.fill.RelaxationReference;
import picnet.common.masks.HoleMask;

/** The offset (membrane) blend: known pixels kept bit for bit, the hole shifted to meet them. */
class CompositingTest {
    private static final int W = 40;
    private static final int H = 30;

    private static RgbImage random(long seed) {
        Random random = new Random(seed);
        float[] chw = new float[3 * W * H];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextFloat();
        }
        return new RgbImage(W, H, chw);
    }

    /** A smooth, curved (not harmonic) photo in [0.2, 0.8]. */
    private static RgbImage smooth() {
        float[] chw = new float[3 * W * H];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    chw[(c * H + y) * W + x] = (float) (0.5 + 0.3 * Math.sin(x / (6.0 + c)) * Math.cos(y / 5.0));
                }
            }
        }
        return new RgbImage(W, H, chw);
    }

    private static RgbImage plus(RgbImage image, float... offset) {
        int plane = W * H;
        float[] out = image.chw().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += offset[i / plane];
        }
        return new RgbImage(W, H, out);
    }

    /** A 20x14 rectangular hole at columns 10..29, rows 8..21. */
    private static HoleMask rectangleHole() {
        boolean[] hole = new boolean[W * H];
        for (int y = 8; y < 22; y++) {
            for (int x = 10; x < 30; x++) {
                hole[y * W + x] = true;
            }
        }
        return new HoleMask(W, H, hole);
    }

    /** An irregular hole reaching the left and bottom borders, so that part of its edge reflects. */
    private static HoleMask borderHole() {
        boolean[] hole = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double dx = x - 8;
                double dy = y - 20;
                hole[y * W + x] = dx * dx / 144 + dy * dy / 64 < 1 || (x > 20 && x < 34 && y > 22);
            }
        }
        return new HoleMask(W, H, hole);
    }

    private static void assertKnownPixelsBitIdentical(RgbImage original, HoleMask mask, RgbImage out) {
        int plane = W * H;
        for (int i = 0; i < plane; i++) {
            if (!mask.hole()[i]) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(Float.floatToRawIntBits(original.chw()[c * plane + i]),
                            Float.floatToRawIntBits(out.chw()[c * plane + i]), "known pixel " + i);
                }
            }
        }
    }

    /** Mean absolute step, over channels, between each hole pixel and each known 4-neighbour. */
    static double seamStep(RgbImage image, HoleMask mask) {
        double sum = 0;
        int n = 0;
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int[] s : steps) {
                    int nx = x + s[0];
                    int ny = y + s[1];
                    if (mask.isHole(y, x) && nx >= 0 && ny >= 0 && nx < W && ny < H && !mask.isHole(ny, nx)) {
                        for (int c = 0; c < 3; c++) {
                            sum += Math.abs(image.get(c, y, x) - image.get(c, ny, nx));
                            n++;
                        }
                    }
                }
            }
        }
        return sum / n;
    }

    @Test
    void pasteKnownTakesGeneratedOnlyInsideTheHole() {
        RgbImage original = random(1);
        RgbImage generated = random(2);
        HoleMask mask = rectangleHole();

        RgbImage out = Compositing.pasteKnown(original, mask, generated);

        assertKnownPixelsBitIdentical(original, mask, out);
        int plane = W * H;
        for (int i = 0; i < plane; i++) {
            if (mask.hole()[i]) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(generated.chw()[c * plane + i], out.chw()[c * plane + i]);
                }
            }
        }
    }

    @Test
    void theBlendNeverReadsTheOriginalHolePixels() {
        HoleMask mask = borderHole();
        RgbImage generated = random(2);
        RgbImage original = random(1);
        float[] otherContent = original.chw().clone();
        Random random = new Random(9);
        int plane = W * H;
        for (int i = 0; i < otherContent.length; i++) {
            if (mask.hole()[i % plane]) {
                otherContent[i] = random.nextFloat();
            }
        }
        RgbImage a = Compositing.blendInto(original, mask, generated);
        RgbImage b = Compositing.blendInto(new RgbImage(W, H, otherContent), mask, generated);
        assertArrayEquals(a.chw(), b.chw(), "whatever was under the hole, the result is the same");
    }

    @Test
    void knownPixelsStayBitIdenticalAndEveryHolePixelIsGenerated() {
        for (HoleMask mask : new HoleMask[] {rectangleHole(), borderHole()}) {
            RgbImage original = random(3);
            RgbImage generated = random(4);
            RgbImage out = Compositing.blendInto(original, mask, generated);
            assertKnownPixelsBitIdentical(original, mask, out);
            int changed = 0;
            for (int i = 0; i < W * H; i++) {
                if (mask.hole()[i] && out.chw()[i] != original.chw()[i]) {
                    changed++;
                }
            }
            assertEquals(mask.holeCount(), changed);
        }
    }

    /**
     * The generated patch is the photo itself, off by a constant colour: the blend takes the offset out,
     * and each edge pixel meets its known neighbour at least as closely as the photo's own pixels do.
     */
    @Test
    void aConstantColourOffsetComesBackSeamless() {
        RgbImage original = smooth();
        RgbImage generated = plus(original, 0.15f, -0.1f, 0.05f);
        for (HoleMask mask : new HoleMask[] {rectangleHole(), borderHole()}) {
            RgbImage blended = Compositing.blendInto(original, mask, generated);
            RgbImage pasted = Compositing.pasteKnown(original, mask, generated);
            double natural = seamStep(original, mask);
            double seam = seamStep(blended, mask);
            assertTrue(seam <= natural, "seam step " + seam + ", the photo's own " + natural);
            double jump = seamStep(pasted, mask);
            assertTrue(jump > 0.05 && jump > 2 * natural, "a plain paste shows the offset: " + jump + " vs " + natural);
            assertTrue(seam < 0.2 * jump, "seam step " + seam + " vs " + jump + " pasted");
            assertArrayEquals(original.chw(), blended.chw(), 0.06f, "the colour offset is gone");
        }
    }

    /** A flat generated fill on a smooth photo: the blend is then exactly the harmonic interpolation of the photo. */
    @Test
    void aFlatFillBecomesTheHarmonicInterpolationOfTheSurroundings() {
        RgbImage original = smooth();
        float[] flat = new float[3 * W * H];
        java.util.Arrays.fill(flat, 0.4f);
        int plane = W * H;
        for (HoleMask mask : new HoleMask[] {rectangleHole(), borderHole()}) {
            RgbImage out = Compositing.blendInto(original, mask, new RgbImage(W, H, flat));
            for (int c = 0; c < 3; c++) {
                float[] channel = java.util.Arrays.copyOfRange(original.chw(), c * plane, (c + 1) * plane);
                double[] expected = RelaxationReference.harmonic(channel, mask);
                for (int i = 0; i < plane; i++) {
                    assertEquals(expected[i], out.chw()[c * plane + i], 1e-5, "channel " + c + " pixel " + i);
                }
            }
        }
    }

    @Test
    void aMaskWithoutHoleReturnsTheOriginalAndAllHoleTheGenerated() {
        RgbImage original = random(5);
        RgbImage generated = random(6);
        assertArrayEquals(original.chw(), Compositing.blendInto(original, new HoleMask(W, H, new boolean[W * H]),
                generated).chw());
        boolean[] all = new boolean[W * H];
        java.util.Arrays.fill(all, true);
        assertArrayEquals(generated.chw(), Compositing.blendInto(original, new HoleMask(W, H, all), generated).chw());
    }

    @Test
    void differentSizesAreRefused() {
        RgbImage original = random(1);
        RgbImage small = RgbImage.blank(W - 1, H);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compositing.pasteKnown(original, rectangleHole(), small));
        assertTrue(e.getMessage().contains("39x30"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Compositing.blendInto(original, new HoleMask(W, H - 1, new boolean[W * (H - 1)]), original));
    }
}
