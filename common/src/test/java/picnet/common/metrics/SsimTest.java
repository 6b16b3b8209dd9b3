package picnet.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;

/** SSIM and MS-SSIM against their formulas on cases with closed forms. */
class SsimTest {
    static RgbImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.2f + 0.6f * r.nextFloat();
        }
        return new RgbImage(w, h, v);
    }

    @Test
    void identicalImagesScoreOne() {
        RgbImage a = noise(64, 48, 1);
        assertEquals(1.0, Ssim.ssim(a, a), 1e-12);
        assertEquals(1.0, Ssim.msSsim(a, a), 1e-12);
        RgbImage small = noise(7, 9, 2);
        assertEquals(1.0, Ssim.ssim(small, small), 1e-12);
        assertEquals(1.0, Ssim.msSsim(small, small), 1e-12);
    }

    @Test
    void aConstantOffsetOfConstantImagesIsTheLuminanceTerm() {
        // no variance anywhere: contrast-structure = C2 / C2 = 1, SSIM = (2 a b + C1) / (a^2 + b^2 + C1)
        double a = 0.25 * 255;
        double b = 0.5 * 255;
        double expected = (2 * a * b + Ssim.C1) / (a * a + b * b + Ssim.C1);
        RgbImage x = PixelMetricsTest.constant(32, 32, 0.25f);
        RgbImage y = PixelMetricsTest.constant(32, 32, 0.5f);
        assertEquals(expected, Ssim.ssim(x, y), 1e-9);
        // MS-SSIM with 2 scales at 32x32 (16 >= 11, 8 < 11): cs^w1' * ssim^w2' = expected^(0.2856 / 0.3304)
        assertEquals(2, Ssim.scales(32, 32));
        assertEquals(Math.pow(expected, 0.2856 / (0.0448 + 0.2856)), Ssim.msSsim(x, y), 1e-9);
    }

    @Test
    void anOffsetOfATexturedImageKeepsStructure() {
        // y = x + c: variances and covariance are equal, so cs = 1 in every window and SSIM is the mean
        // luminance term; it must lie between the global luminance term bounds and below 1
        RgbImage x = noise(40, 40, 3);
        RgbImage y = PixelMetricsTest.plus(x, 0.1f);
        double s = Ssim.ssim(x, y);
        assertTrue(s < 1 && s > 0.9, "SSIM " + s);
        double mx = 0.5 * 255;
        double my = 0.6 * 255;
        assertEquals((2 * mx * my + Ssim.C1) / (mx * mx + my * my + Ssim.C1), s, 2e-3);
    }

    @Test
    void scalesFallBackForSmallImages() {
        assertEquals(5, Ssim.scales(256, 256));
        assertEquals(5, Ssim.scales(176, 200));
        assertEquals(4, Ssim.scales(128, 128));
        assertEquals(1, Ssim.scales(20, 20));
        assertEquals(1, Ssim.scales(5, 5));
    }

    @Test
    void noiseLowersBothMeasures() {
        RgbImage x = noise(64, 64, 4);
        RgbImage y = noise(64, 64, 5);
        assertTrue(Ssim.ssim(x, y) < 0.1);
        double ms = Ssim.msSsim(x, y);
        assertTrue(ms >= 0 && ms < 0.5, "MS-SSIM " + ms);
    }

    @Test
    void msSsimInTheHoleUsesTheBoundingBox() {
        RgbImage x = noise(64, 64, 6);
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, 64, 64, 0);
        RgbImage y = x.paste(noise(32, 32, 7), 16, 16);
        assertEquals(Ssim.msSsim(x.crop(mask.holeBounds()), y.crop(mask.holeBounds())), Ssim.msSsimInHole(x, y, mask));
        assertEquals(1.0, Ssim.msSsimInHole(x, x, mask), 1e-12);
    }
}
