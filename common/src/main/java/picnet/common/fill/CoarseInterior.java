package picnet.common.fill;

import picnet.common.masks.Box;
import picnet.common.masks.HoleDistance;
import picnet.common.masks.HoleMask;

/**
 * The harmonic interpolation of a large hole in two scales. Far from the hole's edge the solution is
 * smooth, so it is solved on a grid {@code factor} times coarser and interpolated bilinearly; only a
 * band {@link #BAND_CELLS} coarse cells wide along the edge is then solved at full resolution, with the
 * interpolated interior as its inner boundary. The pixels at the edge, where the seam is, are solved
 * exactly; the work is about the band's area instead of the hole's.
 */
final class CoarseInterior {
    /** Holes whose bounding box is at most this long on both sides are solved at full resolution. */
    static final int FULL_RESOLUTION_SIDE = 192;
    static final int BAND_CELLS = 4;

    private CoarseInterior() {}

    /** The coarsening factor for this mask, 1 when the hole is small enough to solve directly. */
    static int factor(HoleMask mask) {
        Box bounds = mask.holeBounds();
        int side = Math.max(bounds.width(), bounds.height());
        return side <= FULL_RESOLUTION_SIDE ? 1 : (side + FULL_RESOLUTION_SIDE - 1) / FULL_RESOLUTION_SIDE;
    }

    /**
     * Writes the coarse solution into the hole pixels at least {@code BAND_CELLS * factor} from a known
     * pixel, and returns the mask of the remaining band, to be solved at full resolution.
     */
    static HoleMask fillInterior(float[] data, int planes, HoleMask mask, int factor, double tolerance) {
        int w = mask.width();
        int h = mask.height();
        int plane = w * h;
        int cw = (w + factor - 1) / factor;
        int ch = (h + factor - 1) / factor;
        boolean[] coarseHole = new boolean[cw * ch];
        java.util.Arrays.fill(coarseHole, true);
        float[] coarse = new float[planes * cw * ch];
        int[] edgeCount = new int[cw * ch];
        boolean[] hole = mask.hole();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (hole[p]) {
                    continue;
                }
                int cell = (y / factor) * cw + x / factor;
                coarseHole[cell] = false;
                if (bordersHole(hole, w, h, x, y)) {
                    // a coarse cell beside a coarse unknown always holds such an edge pixel
                    edgeCount[cell]++;
                    for (int c = 0; c < planes; c++) {
                        coarse[c * cw * ch + cell] += data[c * plane + p];
                    }
                }
            }
        }
        for (int cell = 0; cell < cw * ch; cell++) {
            for (int c = 0; c < planes && edgeCount[cell] > 0; c++) {
                coarse[c * cw * ch + cell] /= edgeCount[cell];
            }
        }
        HoleMask coarseMask = new HoleMask(cw, ch, coarseHole);
        if (coarseMask.holeBounds() != null) {
            new LaplaceMultigrid(coarseMask, planes).solve(coarse, tolerance);
        }
        int band = BAND_CELLS * factor;
        float[] distance = HoleDistance.toKnown(mask, band);
        boolean[] bandHole = new boolean[plane];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (!hole[p]) {
                    continue;
                }
                if (distance[p] < band) {
                    bandHole[p] = true;
                } else {
                    for (int c = 0; c < planes; c++) {
                        data[c * plane + p] = bilinear(coarse, c * cw * ch, cw, ch, (x + 0.5) / factor - 0.5,
                                (y + 0.5) / factor - 0.5);
                    }
                }
            }
        }
        return new HoleMask(w, h, bandHole);
    }

    private static boolean bordersHole(boolean[] hole, int w, int h, int x, int y) {
        int p = y * w + x;
        return x > 0 && hole[p - 1] || x + 1 < w && hole[p + 1] || y > 0 && hole[p - w] || y + 1 < h && hole[p + w];
    }

    private static float bilinear(float[] grid, int offset, int w, int h, double x, double y) {
        double cx = Math.max(0, Math.min(w - 1, x));
        double cy = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = grid[offset + y0 * w + x0] * (1 - fx) + grid[offset + y0 * w + x1] * fx;
        double bottom = grid[offset + y1 * w + x0] * (1 - fx) + grid[offset + y1 * w + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }
}
