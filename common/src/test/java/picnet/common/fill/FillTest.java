package picnet.common.fill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;

/** The two non-learned baselines. */
class FillTest {
    static RgbImage linear(int w, int h) {
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = 0.1f + 0.8f * x / (w - 1);
                v[w * h + y * w + x] = 0.9f - 0.6f * y / (h - 1);
                v[2 * w * h + y * w + x] = 0.2f + 0.3f * x / (w - 1) + 0.4f * y / (h - 1);
            }
        }
        return new RgbImage(w, h, v);
    }

    static void assertKnownUntouched(RgbImage image, HoleMask mask, RgbImage filled) {
        int plane = image.width() * image.height();
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < plane; p++) {
                if (!mask.hole()[p]) {
                    assertEquals(image.chw()[c * plane + p], filled.chw()[c * plane + p], "known pixel " + p);
                }
            }
        }
    }

    @Test
    void meanFillUsesExactlyTheKnownMean() {
        // known pixels: 3 of value 0.25 and 1 of value 1 in channel 0 -> mean 0.4375; hole at index 4
        float[] v = new float[15];
        v[0] = 0.25f;
        v[1] = 0.25f;
        v[2] = 0.25f;
        v[3] = 1f;
        v[4] = 0.9f; // hole: ignored
        for (int i = 5; i < 15; i++) {
            v[i] = 0.5f;
        }
        RgbImage image = new RgbImage(5, 1, v);
        boolean[] hole = {false, false, false, false, true};
        HoleMask mask = new HoleMask(5, 1, hole);
        RgbImage filled = MeanColourFill.fill(image, mask);
        assertEquals(0.4375f, filled.get(0, 0, 4));
        assertEquals(0.5f, filled.get(1, 0, 4));
        assertEquals(0.5f, filled.get(2, 0, 4));
        assertKnownUntouched(image, mask, filled);
    }

    @Test
    void diffusionReproducesALinearGradientAcrossTheHole() {
        RgbImage image = linear(48, 40);
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, 48, 40, 0);
        RgbImage blanked = MeanColourFill.fill(image, mask);
        RgbImage filled = DiffusionFill.fill(blanked, mask);
        assertKnownUntouched(blanked, mask, filled);
        assertArrayEquals(image.chw(), filled.chw(), 1e-4f);
    }

    @Test
    void diffusionHandlesHolesOnTheBorderAndIsDeterministic() {
        RgbImage image = linear(64, 64);
        HoleMask mask = MaskGenerator.generate(MaskKind.IRREGULAR, 64, 64, 3);
        RgbImage first = DiffusionFill.fill(image, mask);
        assertKnownUntouched(image, mask, first);
        assertArrayEquals(first.chw(), DiffusionFill.fill(image, mask).chw());
        for (float f : first.chw()) {
            // a maximum principle: the fill stays within the known range
            assertEquals(true, f >= 0.1f - 1e-4f && f <= 0.9f + 1e-4f, "value " + f);
        }
    }

    /**
     * A large hole goes through the two-scale path (coarse interior, full-resolution band). The
     * saddle x^2 - y^2 is exactly harmonic on the 4-neighbour grid, so it is the expected fill; the
     * error must stay below half an 8-bit step (1 / 255) everywhere, and far below it at the edge.
     */
    @Test
    void aLargeHoleIsFilledWithTheHarmonicInterpolationInTwoScales() {
        int w = 700;
        int h = 600;
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x - 300.0) / 700;
                double t = (y - 250.0) / 700;
                v[y * w + x] = (float) (0.5 + u * u - t * t);
                v[w * h + y * w + x] = (float) (0.5 + 0.8 * u * t);
                v[2 * w * h + y * w + x] = (float) (0.3 + 0.2 * u);
            }
        }
        boolean[] hole = new boolean[w * h];
        for (int y = 100; y < 500; y++) {
            for (int x = 150; x < 600; x++) {
                hole[y * w + x] = true;
            }
        }
        HoleMask mask = new HoleMask(w, h, hole);
        assertEquals(3, CoarseInterior.factor(mask), "450 wide: solved three times coarser inside");
        RgbImage image = new RgbImage(w, h, v);
        RgbImage filled = DiffusionFill.fill(MeanColourFill.fill(image, mask), mask);
        double worstInBand = 0;
        double worst = 0;
        for (int y = 100; y < 500; y++) {
            for (int x = 150; x < 600; x++) {
                int edge = Math.min(Math.min(x - 150, 599 - x), Math.min(y - 100, 499 - y));
                for (int c = 0; c < 3; c++) {
                    double error = Math.abs(filled.get(c, y, x) - image.get(c, y, x));
                    worst = Math.max(worst, error);
                    if (edge < 3) {
                        worstInBand = Math.max(worstInBand, error);
                    }
                }
            }
        }
        assertTrue(worstInBand < 5e-4, "at the edge: " + worstInBand + ", anywhere " + worst);
        assertTrue(worst < 2e-3, "anywhere: " + worst);
    }
}
