package picnet.common.fill;

import picnet.common.masks.HoleMask;

/**
 * The harmonic interpolation the slow, obvious way, to check the multigrid solver against: plain
 * successive over-relaxation of one plane over the whole image until nothing moves.
 */
public final class RelaxationReference {
    private RelaxationReference() {}

    /** The hole values of {@code plane} replaced by the harmonic interpolation of its known values. */
    public static double[] harmonic(float[] plane, HoleMask mask) {
        int w = mask.width();
        int h = mask.height();
        double[] v = new double[w * h];
        for (int p = 0; p < v.length; p++) {
            v[p] = mask.hole()[p] ? 0.5 : plane[p];
        }
        for (int sweep = 0; sweep < 100_000; sweep++) {
            double change = 0;
            for (int p = 0; p < v.length; p++) {
                if (!mask.hole()[p]) {
                    continue;
                }
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
                double next = v[p] + 1.9 * (sum / n - v[p]);
                change = Math.max(change, Math.abs(next - v[p]));
                v[p] = next;
            }
            if (change < 1e-12) {
                break;
            }
        }
        return v;
    }
}
