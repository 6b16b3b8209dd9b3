package picnet.common.fill;

import java.util.Arrays;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/**
 * Solves the 4-neighbour discrete Laplace equation on the hole pixels of a mask, for several planes at once, the known pixels
 * being fixed boundary values and the image border reflecting (a pixel on it simply has fewer
 * neighbours). Conjugate gradients preconditioned by one geometric multigrid V-cycle (red-black
 * Gauss-Seidel, 2x2 cell-centred coarsening, bilinear prolongation and its transpose as restriction; single precision
 * values, double precision sums),
 * until an iteration moves no value by more than the tolerance: the work grows linearly with the
 * hole's area, where plain relaxation grows with its area times its side.
 *
 * <p>Only the hole's bounding box plus one pixel is worked on: every known neighbour of a hole pixel
 * lies in it. A coarse cell is unknown only when all its children are, so every level keeps
 * boundary values and stays non-singular; the crude boundary this gives the coarse levels is what
 * the conjugate gradients make up for.
 */
final class LaplaceMultigrid {
    private static final int SMOOTHING_SWEEPS = 1;
    private static final int MAX_ITERATIONS = 200;
    private static final int COARSEST_SWEEPS = 100;
    private static final int COARSEST_UNKNOWNS = 64;

    private final HoleMask mask;
    private final Box box;
    private final Level finest;
    private final int planes;

    /**
     * @param mask   a mask with at least one hole pixel and one known pixel
     * @param planes how many planes {@link #solve} takes at a time
     */
    LaplaceMultigrid(HoleMask mask, int planes) {
        Box bounds = mask.holeBounds();
        if (bounds == null || mask.holeCount() == mask.hole().length) {
            throw new IllegalArgumentException("harmonic interpolation needs hole pixels and known pixels");
        }
        this.mask = mask;
        this.planes = planes;
        this.box = bounds.expand(1, mask.width(), mask.height());
        Level level = new Level(box.width(), box.height(), mask.crop(box).hole(), planes);
        this.finest = level;
        while (level.cells.length > COARSEST_UNKNOWNS && level.width > 2 && level.height > 2) {
            level.coarser = level.coarsen();
            level = level.coarser;
        }
    }

    /**
     * Overwrites the hole pixels of each of the {@code planes} mask-sized row-major planes stacked in
     * {@code data} with the harmonic interpolation of that plane's known values; only known pixels
     * beside the hole are read. Each plane has its own conjugate-gradient scalars; they stop together.
     */
    void solve(float[] data, double tolerance) {
        Level level = finest;
        int k = planes;
        int n = level.values.length;
        int planeSize = mask.width() * mask.height();
        // unknowns only: the known values move to the right side, b = sum of known neighbours
        float[] known = new float[n];
        double[] start = new double[k];
        int boundaryCount = 0;
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < box.width(); x++) {
                int p = level.index(x, y);
                if (!level.unknown[p] && level.bordersUnknown(p)) {
                    boundaryCount++;
                    for (int c = 0; c < k; c++) {
                        known[p * k + c] = data[c * planeSize + planeIndex(x, y)];
                        start[c] += known[p * k + c];
                    }
                }
            }
        }
        float[] solution = new float[n];
        float[] residual = new float[n];
        float[] direction = new float[n];
        float[] product = new float[n];
        float[] preconditioned = new float[n];
        for (int p : level.cells) {
            for (int c = 0; c < k; c++) {
                solution[p * k + c] = (float) (start[c] / boundaryCount);
            }
        }
        level.multiply(solution, product);
        level.neighbourSum(known, residual);
        for (int p : level.cells) {
            for (int i = p * k; i < p * k + k; i++) {
                residual[i] -= product[i];
            }
        }
        precondition(residual, preconditioned);
        System.arraycopy(preconditioned, 0, direction, 0, n);
        double[] rz = level.dot(residual, preconditioned);
        double[] step = new double[k];
        double[] beta = new double[k];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            level.multiply(direction, product);
            double[] curvature = level.dot(direction, product);
            for (int c = 0; c < k; c++) {
                step[c] = curvature[c] > 0 ? rz[c] / curvature[c] : 0;
            }
            double change = 0;
            for (int p : level.cells) {
                for (int c = 0, i = p * k; c < k; c++, i++) {
                    double move = step[c] * direction[i];
                    solution[i] += (float) move;
                    residual[i] -= (float) (step[c] * product[i]);
                    change = Math.max(change, Math.abs(move));
                }
            }
            if (change <= tolerance) {
                break;
            }
            precondition(residual, preconditioned);
            double[] next = level.dot(residual, preconditioned);
            for (int c = 0; c < k; c++) {
                beta[c] = rz[c] > 0 ? next[c] / rz[c] : 0;
            }
            rz = next;
            for (int p : level.cells) {
                for (int c = 0, i = p * k; c < k; c++, i++) {
                    direction[i] = (float) (preconditioned[i] + beta[c] * direction[i]);
                }
            }
        }
        for (int p : level.cells) {
            int x = p % level.stride - 1;
            int y = p / level.stride - 1;
            for (int c = 0; c < k; c++) {
                data[c * planeSize + planeIndex(x, y)] = solution[p * k + c];
            }
        }
    }

    private int planeIndex(int x, int y) {
        return (box.y0() + y) * mask.width() + box.x0() + x;
    }

    /** One V-cycle from zero on A e = residual: an approximate inverse that is symmetric, as CG needs. */
    private void precondition(float[] residual, float[] out) {
        finest.clear(out);
        finest.rightSide = residual;
        finest.values = out;
        vCycle(finest);
    }

    private static void vCycle(Level level) {
        if (level.coarser == null) {
            for (int i = 0; i < COARSEST_SWEEPS; i++) {
                level.smoothForward();
                level.smoothBackward();
            }
            return;
        }
        for (int i = 0; i < SMOOTHING_SWEEPS; i++) {
            level.smoothForward();
        }
        level.restrictResidual();
        vCycle(level.coarser);
        level.addCoarseCorrection();
        for (int i = 0; i < SMOOTHING_SWEEPS; i++) {
            level.smoothBackward();
        }
    }

    /**
     * One grid, padded by a ring of never-unknown cells so that neighbours need no bounds checks. Values
     * are interleaved, {@code planes} per cell ({@code cell * planes + plane}); on every level a
     * non-unknown cell holds zero: the finest level works on corrections with the known values moved
     * to the right side, so the boundary condition is zero everywhere. {@code degree} counts only
     * neighbours inside the grid, which makes the image border reflecting.
     */
    private static final class Level {
        static final double PARENT_WEIGHT = 9.0 / 16;
        static final double SIDE_WEIGHT = 3.0 / 16;
        static final double DIAGONAL_WEIGHT = 1.0 / 16;

        final int width;
        final int height;
        final int stride;
        final int planes;
        final boolean[] unknown;
        float[] values;
        float[] rightSide;
        /** Padded indices of the unknown cells in row order, then split by (x + y) parity for Gauss-Seidel. */
        final int[] cells;
        final double[] degree;
        final int[] red;
        final int[] black;
        final double[] redInverseDegree;
        final double[] blackInverseDegree;
        /** For each unknown cell: the coarse cell holding it, and its coarse neighbours across x, y and both. */
        int[] parent;
        int[] acrossX;
        int[] acrossY;
        int[] acrossBoth;
        Level coarser;

        Level(int width, int height, boolean[] unknownRowMajor, int planes) {
            this.width = width;
            this.height = height;
            this.stride = width + 2;
            this.planes = planes;
            this.unknown = new boolean[stride * (height + 2)];
            this.values = new float[unknown.length * planes];
            this.rightSide = new float[unknown.length * planes];
            int count = 0;
            int redCount = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (unknownRowMajor[y * width + x]) {
                        unknown[index(x, y)] = true;
                        count++;
                        redCount += ((x + y) & 1) == 0 ? 1 : 0;
                    }
                }
            }
            cells = new int[count];
            degree = new double[count];
            red = new int[redCount];
            black = new int[count - redCount];
            redInverseDegree = new double[redCount];
            blackInverseDegree = new double[count - redCount];
            int k = 0;
            int r = 0;
            int b = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = index(x, y);
                    if (!unknown[p]) {
                        continue;
                    }
                    degree[k] = (x > 0 ? 1 : 0) + (x + 1 < width ? 1 : 0) + (y > 0 ? 1 : 0) + (y + 1 < height ? 1 : 0);
                    double inverse = 1.0 / degree[k];
                    cells[k++] = p;
                    if (((x + y) & 1) == 0) {
                        redInverseDegree[r] = inverse;
                        red[r++] = p;
                    } else {
                        blackInverseDegree[b] = inverse;
                        black[b++] = p;
                    }
                }
            }
        }

        int index(int x, int y) {
            return (y + 1) * stride + x + 1;
        }

        /** Zeroes the unknowns' entries; the rest of a level's arrays is zero for good. */
        void clear(float[] data) {
            for (int p : cells) {
                Arrays.fill(data, p * planes, p * planes + planes, 0f);
            }
        }

        boolean bordersUnknown(int p) {
            return unknown[p - 1] || unknown[p + 1] || unknown[p - stride] || unknown[p + stride];
        }

        void smoothForward() {
            relax(red, redInverseDegree);
            relax(black, blackInverseDegree);
        }

        void smoothBackward() {
            relax(black, blackInverseDegree);
            relax(red, redInverseDegree);
        }

        private void relax(int[] colour, double[] inverseDegree) {
            float[] v = values;
            float[] f = rightSide;
            int k = planes;
            int row = stride * k;
            for (int j = 0; j < colour.length; j++) {
                double inverse = inverseDegree[j];
                for (int i = colour[j] * k, end = i + k; i < end; i++) {
                    v[i] = (float) ((f[i] + v[i - k] + v[i + k] + v[i - row] + v[i + row]) * inverse);
                }
            }
        }

        /** {@code out = A in} on the unknowns: degree times the cell minus its neighbours. */
        void multiply(float[] in, float[] out) {
            int k = planes;
            int row = stride * k;
            for (int j = 0; j < cells.length; j++) {
                double d = degree[j];
                for (int i = cells[j] * k, end = i + k; i < end; i++) {
                    out[i] = (float) (d * in[i] - in[i - k] - in[i + k] - in[i - row] - in[i + row]);
                }
            }
        }

        /** {@code out = } the sum of each unknown cell's four neighbours in {@code in}. */
        void neighbourSum(float[] in, float[] out) {
            int k = planes;
            int row = stride * k;
            for (int p : cells) {
                for (int i = p * k, end = i + k; i < end; i++) {
                    out[i] = in[i - k] + in[i + k] + in[i - row] + in[i + row];
                }
            }
        }

        /** Per plane, the dot product over the unknowns. */
        double[] dot(float[] a, float[] b) {
            double[] sum = new double[planes];
            for (int p : cells) {
                for (int c = 0, i = p * planes; c < planes; c++, i++) {
                    sum[c] += (double) a[i] * b[i];
                }
            }
            return sum;
        }

        /** The next level: 2x2 cells become one, unknown when all of its children inside the grid are. */
        Level coarsen() {
            int cw = (width + 1) / 2;
            int ch = (height + 1) / 2;
            boolean[] coarseUnknown = new boolean[cw * ch];
            Arrays.fill(coarseUnknown, true);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (!unknown[index(x, y)]) {
                        coarseUnknown[(y / 2) * cw + x / 2] = false;
                    }
                }
            }
            Level coarse = new Level(cw, ch, coarseUnknown, planes);
            parent = new int[cells.length];
            acrossX = new int[cells.length];
            acrossY = new int[cells.length];
            acrossBoth = new int[cells.length];
            for (int j = 0; j < cells.length; j++) {
                int x = cells[j] % stride - 1;
                int y = cells[j] / stride - 1;
                int cx = x / 2;
                int cy = y / 2;
                // a fine cell sits a quarter of a coarse cell off its parent's centre, towards this neighbour
                int nx = Math.max(0, Math.min(cw - 1, (x & 1) == 0 ? cx - 1 : cx + 1));
                int ny = Math.max(0, Math.min(ch - 1, (y & 1) == 0 ? cy - 1 : cy + 1));
                parent[j] = coarse.index(cx, cy);
                acrossX[j] = coarse.index(nx, cy);
                acrossY[j] = coarse.index(cx, ny);
                acrossBoth[j] = coarse.index(nx, ny);
            }
            return coarse;
        }

        /**
         * The coarse right side gathers the residuals with the prolongation's weights (its transpose),
         * each fine residual adding up to itself: the coarse operator, unscaled like this one, stands
         * for (2h)^2 times the Laplacian, four times this level's h^2, and covers four cells.
         */
        void restrictResidual() {
            Level coarse = coarser;
            coarse.clear(coarse.rightSide);
            coarse.clear(coarse.values);
            float[] v = values;
            float[] f = coarse.rightSide;
            boolean[] open = coarse.unknown;
            int k = planes;
            int row = stride * k;
            double[] r = new double[k];
            for (int j = 0; j < cells.length; j++) {
                int base = cells[j] * k;
                for (int c = 0, i = base; c < k; c++, i++) {
                    r[c] = rightSide[i] + v[i - k] + v[i + k] + v[i - row] + v[i + row] - degree[j] * v[i];
                }
                addIfOpen(f, open, parent[j], PARENT_WEIGHT, r);
                addIfOpen(f, open, acrossX[j], SIDE_WEIGHT, r);
                addIfOpen(f, open, acrossY[j], SIDE_WEIGHT, r);
                addIfOpen(f, open, acrossBoth[j], DIAGONAL_WEIGHT, r);
            }
        }

        private static void addIfOpen(float[] f, boolean[] open, int cell, double weight, double[] r) {
            if (open[cell]) {
                for (int c = 0, i = cell * r.length; c < r.length; c++, i++) {
                    f[i] += (float) (weight * r[c]);
                }
            }
        }

        /** Bilinear interpolation of the coarse correction, added to this level's unknowns. */
        void addCoarseCorrection() {
            float[] e = coarser.values;
            int k = planes;
            for (int j = 0; j < cells.length; j++) {
                int a = parent[j] * k;
                int bx = acrossX[j] * k;
                int by = acrossY[j] * k;
                int d = acrossBoth[j] * k;
                for (int c = 0, i = cells[j] * k; c < k; c++, i++) {
                    values[i] += (float) (PARENT_WEIGHT * e[a + c] + SIDE_WEIGHT * (e[bx + c] + e[by + c])
                            + DIAGONAL_WEIGHT * e[d + c]);
                }
            }
        }
    }
}
