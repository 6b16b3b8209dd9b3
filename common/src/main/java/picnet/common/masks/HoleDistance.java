package picnet.common.masks;

/**
 * Euclidean distance from each hole pixel to the nearest known pixel (exact, Felzenszwalb and
 * Huttenlocher's linear-time distance transform). Used to feather pasted content near a hole's edge.
 */
public final class HoleDistance {
    private HoleDistance() {
    }

    /**
     * @param cap distances at or beyond it are reported as {@code cap}; also the value everywhere when
     *            the mask has no known pixel at all
     * @return row-major distances: 0 for known pixels, 1 for a hole pixel beside a known one, and so on
     */
    public static float[] toKnown(HoleMask mask, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, got " + cap);
        }
        int w = mask.width();
        float[] out = new float[w * mask.height()];
        Box bounds = mask.holeBounds();
        if (bounds == null) {
            return out;
        }
        // A one-pixel ring around the hole's bounds is all known, and for any known pixel farther
        // out, the ring holds one at least as close, so the work can stay inside this box.
        Box box = bounds.expand(1, w, mask.height());
        int bw = box.width();
        int bh = box.height();
        double capSquared = (double) cap * cap;
        double[] columnSquared = verticalDistancesSquared(mask, box, cap);
        double[] f = new double[bw];
        double[] d = new double[bw];
        int[] v = new int[bw];
        double[] z = new double[bw + 1];
        for (int y = 0; y < bh; y++) {
            System.arraycopy(columnSquared, y * bw, f, 0, bw);
            lowerEnvelope(f, d, v, z);
            for (int x = 0; x < bw; x++) {
                int index = (box.y0() + y) * w + box.x0() + x;
                if (mask.hole()[index]) {
                    out[index] = d[x] >= capSquared ? cap : (float) Math.sqrt(d[x]);
                }
            }
        }
        return out;
    }

    /** Squared distance to the nearest known pixel in the same column, at most cap squared. */
    private static double[] verticalDistancesSquared(HoleMask mask, Box box, int cap) {
        int bw = box.width();
        int bh = box.height();
        int[] g = new int[bw * bh];
        for (int x = 0; x < bw; x++) {
            int run = cap;
            for (int y = 0; y < bh; y++) {
                run = mask.isHole(box.y0() + y, box.x0() + x) ? Math.min(cap, run + 1) : 0;
                g[y * bw + x] = run;
            }
            run = cap;
            for (int y = bh - 1; y >= 0; y--) {
                run = mask.isHole(box.y0() + y, box.x0() + x) ? Math.min(cap, run + 1) : 0;
                g[y * bw + x] = Math.min(g[y * bw + x], run);
            }
        }
        double[] squared = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            squared[i] = (double) g[i] * g[i];
        }
        return squared;
    }

    /** 1-D squared distance transform: d[q] = min over p of (q - p)^2 + f[p]. */
    private static void lowerEnvelope(double[] f, double[] d, int[] v, double[] z) {
        int n = f.length;
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dx = q - v[k];
            d[q] = dx * dx + f[v[k]];
        }
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
