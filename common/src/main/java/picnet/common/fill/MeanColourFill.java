package picnet.common.fill;

import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * The simplest baseline: every hole pixel gets the mean colour (per channel) of the known pixels.
 * Known pixels are returned untouched; a mask without known pixels fills with mid-grey 0.5.
 */
public final class MeanColourFill {
    private MeanColourFill() {}

    public static RgbImage fill(RgbImage image, HoleMask mask) {
        Fills.checkSizes(image, mask);
        double[] mean = knownMean(image, mask);
        int plane = image.width() * image.height();
        float[] out = image.chw().clone();
        for (int p = 0; p < plane; p++) {
            if (mask.hole()[p]) {
                for (int c = 0; c < 3; c++) {
                    out[c * plane + p] = (float) mean[c];
                }
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** The per-channel mean of the known pixels, in [0, 1]; 0.5 each when nothing is known. */
    public static double[] knownMean(RgbImage image, HoleMask mask) {
        Fills.checkSizes(image, mask);
        int plane = image.width() * image.height();
        double[] sum = new double[3];
        long n = 0;
        for (int p = 0; p < plane; p++) {
            if (!mask.hole()[p]) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += image.chw()[c * plane + p];
                }
                n++;
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] = n == 0 ? 0.5 : sum[c] / n;
        }
        return sum;
    }
}
