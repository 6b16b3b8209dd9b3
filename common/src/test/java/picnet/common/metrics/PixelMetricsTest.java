package picnet.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/** L1, MSE, PSNR and TV on cases worked out by hand. */
class PixelMetricsTest {
    static RgbImage constant(int w, int h, float value) {
        float[] v = new float[3 * w * h];
        java.util.Arrays.fill(v, value);
        return new RgbImage(w, h, v);
    }

    static RgbImage ramp(int w, int h) {
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.1f + 0.5f * (i % (w * h)) / (w * h);
        }
        return new RgbImage(w, h, v);
    }

    static RgbImage plus(RgbImage image, float delta) {
        float[] v = image.chw().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += delta;
        }
        return new RgbImage(image.width(), image.height(), v);
    }

    @Test
    void identicalImagesHaveNoErrorAndInfinitePsnr() {
        RgbImage a = ramp(16, 12);
        assertEquals(0.0, PixelMetrics.l1(a, a));
        assertEquals(0.0, PixelMetrics.mse(a, a));
        assertEquals(Double.POSITIVE_INFINITY, PixelMetrics.psnr(a, a));
    }

    @Test
    void aConstantShiftOfFiveLevels() {
        // values chosen so that v and v + 5/255 are exact in float: multiples of 1/255 are not, so
        // compare in doubles with the float rounding of each value
        RgbImage a = constant(8, 8, 100f / 255);
        RgbImage b = constant(8, 8, 105f / 255);
        double shift255 = ((double) (105f / 255) - (double) (100f / 255)) * 255;
        assertEquals(5.0, shift255, 1e-5);
        assertEquals(shift255, PixelMetrics.l1(a, b), 1e-12);
        assertEquals(shift255 * shift255, PixelMetrics.mse(a, b), 1e-10);
        assertEquals(20 * Math.log10(255 / shift255), PixelMetrics.psnr(a, b), 1e-10);
        assertEquals(20 * Math.log10(255 / 5.0), PixelMetrics.psnr(a, b), 1e-5);
    }

    @Test
    void aShiftOfAPowerOfTwoIsExact() {
        // 0.25 and 0.5 are exact in float: L1 = 63.75 exactly, PSNR = 20 log10(4)
        RgbImage a = constant(4, 4, 0.25f);
        RgbImage b = constant(4, 4, 0.5f);
        assertEquals(63.75, PixelMetrics.l1(a, b));
        assertEquals(63.75 * 63.75, PixelMetrics.mse(a, b));
        assertEquals(20 * Math.log10(4), PixelMetrics.psnr(a, b), 1e-12);
    }

    @Test
    void alternatingNoiseOfPlusMinusD() {
        // +d, -d alternating in a checkerboard around 0.5 with d = 1/16 (exact in float): L1 = d*255, MSE = (d*255)^2
        int w = 6;
        int h = 4;
        float d = 1f / 16;
        RgbImage base = constant(w, h, 0.5f);
        float[] v = base.chw().clone();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[(c * h + y) * w + x] += ((x + y) % 2 == 0) ? d : -d;
                }
            }
        }
        RgbImage noisy = new RgbImage(w, h, v);
        double d255 = d * 255.0;
        assertEquals(d255, PixelMetrics.l1(noisy, base), 1e-12);
        assertEquals(d255 * d255, PixelMetrics.mse(noisy, base), 1e-9);
        assertEquals(20 * Math.log10(255 / d255), PixelMetrics.psnr(noisy, base), 1e-12);
        // every horizontal and every vertical neighbour differs by 2d: TV = 2d*255 + 2d*255
        assertEquals(4 * d255, PixelMetrics.tv(noisy), 1e-12);
        assertEquals(0.0, PixelMetrics.tv(base));
    }

    @Test
    void totalVariationOfATinyImageByHand() {
        // channel 0 (x across, y down):  0    0.5      channel 1 and 2: all 0
        //                                0.25 1
        // horizontal |diffs| of channel 0: 0.5, 0.75; vertical: 0.25, 0.5
        // horizontal mean = 1.25 / (3 channels * 2 rows * 1) ; vertical mean = 0.75 / (3 * 1 * 2)
        float[] v = new float[12];
        v[0] = 0f;
        v[1] = 0.5f;
        v[2] = 0.25f;
        v[3] = 1f;
        RgbImage image = new RgbImage(2, 2, v);
        double expected = (1.25 / 6 + 0.75 / 6) * 255;
        assertEquals(expected, PixelMetrics.tv(image), 1e-12);
        assertEquals(85.0, PixelMetrics.tv(image), 1e-12);
    }

    @Test
    void totalVariationOfARampIsItsSlope() {
        // one column step of 1/8 in every channel, nothing vertically: TV = 255/8
        int w = 9;
        float[] v = new float[3 * w * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % w) / 8f;
        }
        assertEquals(255 / 8.0, PixelMetrics.tv(new RgbImage(w, 3, v)), 1e-12);
        assertEquals(0.0, PixelMetrics.tv(constant(1, 1, 0.3f)));
    }

    /** The 2x2 hole in the middle of a 4x4 image. */
    static HoleMask centreOf4x4() {
        boolean[] hole = new boolean[16];
        hole[5] = hole[6] = hole[9] = hole[10] = true;
        return new HoleMask(4, 4, hole);
    }

    @Test
    void l1InsideTheHoleOnlyCountsHolePixels() {
        RgbImage a = constant(4, 4, 0.25f);
        RgbImage b = a.paste(constant(2, 2, 0.75f), 1, 1);
        HoleMask mask = centreOf4x4();
        assertEquals(127.5, PixelMetrics.l1InHole(a, b, mask));
        assertEquals(127.5 / 4, PixelMetrics.l1(a, b));
        assertThrows(IllegalArgumentException.class, () -> PixelMetrics.l1InHole(a, b, new HoleMask(4, 4, new boolean[16])));
    }

    @Test
    void psnrInsideTheHoleOnlyCountsHolePixels() {
        // a quarter of the pixels is off by 0.5 (127.5 levels): hole MSE 127.5^2, whole-image MSE a quarter of it
        RgbImage a = constant(4, 4, 0.25f);
        RgbImage b = a.paste(constant(2, 2, 0.75f), 1, 1);
        HoleMask mask = centreOf4x4();
        assertEquals(127.5 * 127.5, PixelMetrics.mseInHole(a, b, mask));
        assertEquals(20 * Math.log10(2), PixelMetrics.psnrInHole(a, b, mask), 1e-12);
        assertEquals(20 * Math.log10(4), PixelMetrics.psnr(a, b), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, PixelMetrics.psnrInHole(a, a, mask));
        // a difference outside the hole does not count
        RgbImage outside = a.paste(constant(1, 1, 1f), 0, 0);
        assertEquals(0.0, PixelMetrics.mseInHole(a, outside, mask));
        assertThrows(IllegalArgumentException.class, () -> PixelMetrics.psnrInHole(a, b, new HoleMask(4, 4, new boolean[16])));
        assertThrows(IllegalArgumentException.class, () -> PixelMetrics.mseInHole(a, b, new HoleMask(2, 2, new boolean[4])));
    }

    @Test
    void refusesImagesOfDifferentSizes() {
        assertThrows(IllegalArgumentException.class, () -> PixelMetrics.l1(constant(4, 4, 0), constant(4, 5, 0)));
    }
}
