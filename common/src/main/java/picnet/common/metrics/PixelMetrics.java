package picnet.common.metrics;

import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * The per-image measures of the PICNet paper (Zheng, Cham and Cai, CVPR 2019, Table 1), computed on
 * the whole image in 0..255 units, all three channels together.
 *
 * <ul>
 *   <li>L1: {@code mean |a - b| * 255} over every value (3 x H x W).
 *   <li>PSNR: {@code 20 log10(255 / sqrt(MSE))} with MSE the mean of {@code ((a - b) * 255)^2} over
 *       every value; identical images give {@code +Infinity} (the authors' script writes 100 there).
 *   <li>TV: the anisotropic total variation of one image, normalised per difference:
 *       {@code mean_{c,y,x<W-1} |I(c,y,x+1) - I(c,y,x)| + mean_{c,y<H-1,x} |I(c,y+1,x) - I(c,y,x)|}, times
 *       255. No wrap-around. (The authors' script uses the isotropic norm with {@code np.roll}, which
 *       also counts the jump from the last column back to the first; we leave that seam out.)
 * </ul>
 *
 * The {@code InHole} variants take the same means over the hole's pixels only: the known pixels of a
 * completion equal the truth, so they measure the fill itself, whatever the hole's share of the image.
 *
 * <p>Sums are accumulated in double.
 */
public final class PixelMetrics {
    public static final double PEAK = 255.0;

    private PixelMetrics() {}

    /** Mean absolute difference, 0..255. */
    public static double l1(RgbImage a, RgbImage b) {
        checkSameSize(a, b);
        float[] x = a.chw();
        float[] y = b.chw();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((double) x[i] - y[i]);
        }
        return sum / x.length * PEAK;
    }

    /** Mean absolute difference over the hole pixels only (all three channels), 0..255. */
    public static double l1InHole(RgbImage a, RgbImage b, HoleMask mask) {
        return inHole(a, b, mask, false) * PEAK;
    }

    /** Mean squared difference over the hole pixels only (all three channels), in 0..255 units. */
    public static double mseInHole(RgbImage a, RgbImage b, HoleMask mask) {
        return inHole(a, b, mask, true) * PEAK * PEAK;
    }

    /** PSNR with peak 255 over the hole pixels only; {@code +Infinity} when the hole is exact. */
    public static double psnrInHole(RgbImage a, RgbImage b, HoleMask mask) {
        return psnrOfMse(mseInHole(a, b, mask));
    }

    /** Mean |a - b| (or (a - b)^2 when {@code squared}) over the hole's values, in 0..1 units. */
    private static double inHole(RgbImage a, RgbImage b, HoleMask mask, boolean squared) {
        checkSameSize(a, b);
        if (mask.width() != a.width() || mask.height() != a.height()) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height()
                    + " but the images are " + a.width() + "x" + a.height());
        }
        int plane = a.width() * a.height();
        float[] x = a.chw();
        float[] y = b.chw();
        double sum = 0;
        long n = 0;
        for (int p = 0; p < plane; p++) {
            if (mask.hole()[p]) {
                for (int c = 0; c < 3; c++) {
                    double d = (double) x[c * plane + p] - y[c * plane + p];
                    sum += squared ? d * d : Math.abs(d);
                }
                n += 3;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the mask has no hole");
        }
        return sum / n;
    }

    /** Mean squared difference in 0..255 units (so at most 255^2). */
    public static double mse(RgbImage a, RgbImage b) {
        checkSameSize(a, b);
        float[] x = a.chw();
        float[] y = b.chw();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = ((double) x[i] - y[i]) * PEAK;
            sum += d * d;
        }
        return sum / x.length;
    }

    /** PSNR with peak 255 over the whole image; {@code +Infinity} for identical images. */
    public static double psnr(RgbImage a, RgbImage b) {
        return psnrOfMse(mse(a, b));
    }

    public static double psnrOfMse(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 20 * Math.log10(PEAK / Math.sqrt(mse));
    }

    /** Total variation of one image as defined in the class comment, 0..255. Images of one pixel have none. */
    public static double tv(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[] v = image.chw();
        double horizontal = 0;
        double vertical = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int row = (c * h + y) * w;
                for (int x = 0; x < w; x++) {
                    if (x + 1 < w) {
                        horizontal += Math.abs((double) v[row + x + 1] - v[row + x]);
                    }
                    if (y + 1 < h) {
                        vertical += Math.abs((double) v[row + w + x] - v[row + x]);
                    }
                }
            }
        }
        double tv = 0;
        if (w > 1) {
            tv += horizontal / (3.0 * h * (w - 1));
        }
        if (h > 1) {
            tv += vertical / (3.0 * (h - 1) * w);
        }
        return tv * PEAK;
    }

    static void checkSameSize(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "x" + a.height()
                    + " and " + b.width() + "x" + b.height());
        }
    }
}
