package picnet.common.metrics;

import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/**
 * SSIM (Wang, Bovik, Sheikh and Simoncelli 2004) and MS-SSIM (Wang, Simoncelli and Bovik 2003) in
 * 0..255 units, with the constants of the papers: an 11x11 Gaussian window of sigma 1.5, K1 = 0.01,
 * K2 = 0.03, L = 255. The window is applied only where it fits entirely ("valid", as the authors'
 * MATLAB {@code filter2(..., 'valid')}); images smaller than 11 pixels on a side use a window of their
 * smaller side (the Gaussian truncated and renormalised).
 *
 * <p>Colour: each of R, G and B is measured as a grey image and the three results are averaged (no
 * conversion to luminance). For MS-SSIM the per-scale means are averaged over the channels before
 * they are combined.
 *
 * <p>MS-SSIM uses 5 scales with the weights {@link #MS_WEIGHTS}; each coarser scale is a 2x2 average
 * (odd last rows and columns dropped). When the image is too small for 5 scales (the coarsest must
 * still be at least 11 pixels on a side) it uses as many scales as fit, at least 1, with the first
 * weights renormalised to sum to 1. Negative contrast-structure terms are clamped to 0 before the
 * fractional powers, as common implementations do.
 */
public final class Ssim {
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    public static final double C1 = (K1 * PixelMetrics.PEAK) * (K1 * PixelMetrics.PEAK);
    public static final double C2 = (K2 * PixelMetrics.PEAK) * (K2 * PixelMetrics.PEAK);
    static final double[] MS_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    private Ssim() {}

    /** Mean SSIM over the three channels. */
    public static double ssim(RgbImage a, RgbImage b) {
        PixelMetrics.checkSameSize(a, b);
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += stats(channel(a, c), channel(b, c), a.width(), a.height())[0];
        }
        return sum / 3;
    }

    /** The number of MS-SSIM scales used for an image of this size, 1..5. */
    public static int scales(int width, int height) {
        int m = MS_WEIGHTS.length;
        while (m > 1 && Math.min(width >> (m - 1), height >> (m - 1)) < WINDOW) {
            m--;
        }
        return m;
    }

    /** MS-SSIM, in [0, 1] (1 for identical images). */
    public static double msSsim(RgbImage a, RgbImage b) {
        PixelMetrics.checkSameSize(a, b);
        int m = scales(a.width(), a.height());
        double weightSum = 0;
        for (int j = 0; j < m; j++) {
            weightSum += MS_WEIGHTS[j];
        }
        double[][] x = new double[3][];
        double[][] y = new double[3][];
        for (int c = 0; c < 3; c++) {
            x[c] = channel(a, c);
            y[c] = channel(b, c);
        }
        int w = a.width();
        int h = a.height();
        double result = 1;
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int c = 0; c < 3; c++) {
                double[] s = stats(x[c], y[c], w, h);
                mean += (j == m - 1 ? s[0] : s[1]) / 3;
            }
            result *= Math.pow(Math.max(0, mean), MS_WEIGHTS[j] / weightSum);
            if (j < m - 1) {
                for (int c = 0; c < 3; c++) {
                    x[c] = halve(x[c], w, h);
                    y[c] = halve(y[c], w, h);
                }
                w /= 2;
                h /= 2;
            }
        }
        return result;
    }

    /** MS-SSIM on the crop of both images to the hole's bounding box. */
    public static double msSsimInHole(RgbImage a, RgbImage b, HoleMask mask) {
        Box box = mask.holeBounds();
        if (box == null) {
            throw new IllegalArgumentException("the mask has no hole");
        }
        return msSsim(a.crop(box), b.crop(box));
    }

    private static double[] channel(RgbImage image, int c) {
        int plane = image.width() * image.height();
        double[] out = new double[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = image.chw()[c * plane + i] * PixelMetrics.PEAK;
        }
        return out;
    }

    private static double[] halve(double[] v, int w, int h) {
        int w2 = w / 2;
        int h2 = h / 2;
        double[] out = new double[w2 * h2];
        for (int y = 0; y < h2; y++) {
            for (int x = 0; x < w2; x++) {
                int i = 2 * y * w + 2 * x;
                out[y * w2 + x] = (v[i] + v[i + 1] + v[i + w] + v[i + w + 1]) / 4;
            }
        }
        return out;
    }

    /** {mean SSIM, mean contrast-structure} of one grey plane pair. */
    static double[] stats(double[] x, double[] y, int w, int h) {
        int win = Math.min(WINDOW, Math.min(w, h));
        double[] g = gaussian(win);
        int n = x.length;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = filter(x, w, h, g);
        double[] my = filter(y, w, h, g);
        double[] sxx = filter(xx, w, h, g);
        double[] syy = filter(yy, w, h, g);
        double[] sxy = filter(xy, w, h, g);
        double ssim = 0;
        double cs = 0;
        for (int i = 0; i < mx.length; i++) {
            double vx = sxx[i] - mx[i] * mx[i];
            double vy = syy[i] - my[i] * my[i];
            double cov = sxy[i] - mx[i] * my[i];
            double contrast = (2 * cov + C2) / (vx + vy + C2);
            double luminance = (2 * mx[i] * my[i] + C1) / (mx[i] * mx[i] + my[i] * my[i] + C1);
            cs += contrast;
            ssim += luminance * contrast;
        }
        return new double[] {ssim / mx.length, cs / mx.length};
    }

    static double[] gaussian(int size) {
        double[] g = new double[size];
        double centre = (size - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - centre;
            g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** Separable "valid" filtering: the output is (w - k + 1) x (h - k + 1). */
    private static double[] filter(double[] v, int w, int h, double[] g) {
        int k = g.length;
        int ow = w - k + 1;
        int oh = h - k + 1;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                int base = y * w + x;
                for (int t = 0; t < k; t++) {
                    s += g[t] * v[base + t];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int t = 0; t < k; t++) {
                    s += g[t] * rows[(y + t) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }
}
