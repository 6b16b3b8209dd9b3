package picnet.common.images;

/**
 * For one axis of a resize: which source pixels each output pixel reads and with what weight.
 * Output pixel {@code i} reads source pixels {@code first[i] .. first[i] + weights[i].length - 1}.
 */
final class AxisWeights {
    final int[] first;
    final double[][] weights;

    private AxisWeights(int[] first, double[][] weights) {
        this.first = first;
        this.weights = weights;
    }

    int size() {
        return first.length;
    }

    /** The weights of output pixels {@code from .. to-1} only (a window of the same resize). */
    AxisWeights slice(int from, int to) {
        return new AxisWeights(java.util.Arrays.copyOfRange(first, from, to), java.util.Arrays.copyOfRange(weights, from, to));
    }

    /** Area averaging when shrinking, bilinear when enlarging, a copy when the size is unchanged. */
    static AxisWeights forImage(int src, int dst) {
        return dst < src ? area(src, dst) : dst > src ? bilinear(src, dst) : area(src, dst);
    }

    /**
     * Exact box footprint: output {@code i} covers source interval [i*src/dst, (i+1)*src/dst) and each
     * source pixel weighs by the length of its overlap with it (INTER_AREA). Computed in integers
     * scaled by {@code dst} so that the footprints tile the source without rounding gaps.
     */
    static AxisWeights area(int src, int dst) {
        int[] first = new int[dst];
        double[][] weights = new double[dst][];
        for (int i = 0; i < dst; i++) {
            long lo = (long) i * src;
            long hi = (long) (i + 1) * src;
            int j0 = (int) (lo / dst);
            int j1 = (int) ((hi + dst - 1) / dst);
            first[i] = j0;
            weights[i] = new double[j1 - j0];
            for (int j = j0; j < j1; j++) {
                long overlap = Math.min(hi, (long) (j + 1) * dst) - Math.max(lo, (long) j * dst);
                weights[i][j - j0] = (double) overlap / src;
            }
        }
        return new AxisWeights(first, weights);
    }

    /** Bilinear with half-pixel centres (align_corners=False), source coordinate clamped to the edge. */
    static AxisWeights bilinear(int src, int dst) {
        int[] first = new int[dst];
        double[][] weights = new double[dst][];
        double scale = (double) src / dst;
        for (int i = 0; i < dst; i++) {
            double c = Math.min(Math.max((i + 0.5) * scale - 0.5, 0.0), src - 1);
            int j0 = (int) Math.floor(c);
            double f = c - j0;
            first[i] = j0;
            weights[i] = j0 + 1 < src ? new double[] {1 - f, f} : new double[] {1};
        }
        return new AxisWeights(first, weights);
    }

    /** Source range [start, end) each output pixel overlaps with a positive length. */
    static int[][] footprints(int src, int dst) {
        int[][] ranges = new int[dst][];
        for (int i = 0; i < dst; i++) {
            long lo = (long) i * src;
            long hi = (long) (i + 1) * src;
            ranges[i] = new int[] {(int) (lo / dst), (int) ((hi + dst - 1) / dst)};
        }
        return ranges;
    }
}
