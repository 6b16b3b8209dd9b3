package picnet.common.fill;

import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/**
 * A classic non-learned fill: each channel of the hole is the harmonic function (solution of Laplace's
 * equation) whose boundary values are the known pixels around the hole, the smoothest fill in the
 * least-squares gradient sense (as in Bertalmio-style diffusion inpainting). Where the hole touches
 * the image border the border is reflecting (zero normal derivative).
 *
 * <p>Solved on the 4-neighbour grid by successive over-relaxation, sweeping rows top to bottom and
 * columns left to right from a start at the known pixels' mean colour, with the relaxation factor
 * that is optimal for a square of the hole's bounding-box size, until no value moves by more than
 * {@link #TOLERANCE} in a sweep (or {@link #MAX_SWEEPS}). Deterministic; known pixels are returned
 * untouched. A linear ramp across an interior hole is reproduced exactly up to the tolerance.
 */
public final class DiffusionFill {
    public static final double TOLERANCE = 1e-7;
    public static final int MAX_SWEEPS = 20_000;

    private DiffusionFill() {}

    public static RgbImage fill(RgbImage image, HoleMask mask) {
        Fills.checkSizes(image, mask);
        Box box = mask.holeBounds();
        if (box == null) {
            return new RgbImage(image.width(), image.height(), image.chw().clone());
        }
        if (mask.holeCount() == mask.hole().length) {
            return MeanColourFill.fill(image, mask);
        }
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        int[] holes = holeIndices(mask);
        double[] mean = MeanColourFill.knownMean(image, mask);
        int side = Math.max(box.width(), box.height()) + 1;
        double omega = 2 / (1 + Math.sin(Math.PI / side));
        float[] out = image.chw().clone();
        for (int c = 0; c < 3; c++) {
            double[] v = new double[plane];
            for (int p = 0; p < plane; p++) {
                v[p] = mask.hole()[p] ? mean[c] : image.chw()[c * plane + p];
            }
            relax(v, w, h, holes, omega);
            for (int p : holes) {
                out[c * plane + p] = (float) v[p];
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void relax(double[] v, int w, int h, int[] holes, double omega) {
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double change = 0;
            for (int p : holes) {
                int x = p % w;
                int y = p / w;
                double sum = 0;
                int n = 0;
                if (x > 0) {
                    sum += v[p - 1];
                    n++;
                }
                if (x + 1 < w) {
                    sum += v[p + 1];
                    n++;
                }
                if (y > 0) {
                    sum += v[p - w];
                    n++;
                }
                if (y + 1 < h) {
                    sum += v[p + w];
                    n++;
                }
                double next = v[p] + omega * (sum / n - v[p]);
                change = Math.max(change, Math.abs(next - v[p]));
                v[p] = next;
            }
            if (change < TOLERANCE) {
                return;
            }
        }
    }

    private static int[] holeIndices(HoleMask mask) {
        int[] out = new int[mask.holeCount()];
        int k = 0;
        for (int p = 0; p < mask.hole().length; p++) {
            if (mask.hole()[p]) {
                out[k++] = p;
            }
        }
        return out;
    }
}
