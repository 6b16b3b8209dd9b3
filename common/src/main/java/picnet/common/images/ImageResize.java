package picnet.common.images;

import java.util.Arrays;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/**
 * Resizing of images and masks. Images shrink by area averaging over each output pixel's exact
 * source footprint (no aliasing when a large photo becomes 256x256) and grow bilinearly with
 * half-pixel centres. Masks shrink conservatively (a hole never disappears) or by the share of each
 * footprint that is hole, with the known pixels alone averaged where part of a footprint is hole.
 */
public final class ImageResize {
    private ImageResize() {
    }

    public static RgbImage resize(RgbImage image, int width, int height) {
        checkSize(width, height);
        if (width == image.width() && height == image.height()) {
            return new RgbImage(width, height, image.chw().clone());
        }
        float[] out = resample(image.chw(), 3, image.width(), image.height(),
                AxisWeights.forImage(image.width(), width), AxisWeights.forImage(image.height(), height));
        return new RgbImage(width, height, out);
    }

    /**
     * The part inside {@code region} of {@code resize(image, width, height)}, bit-identical to cropping
     * that, but computing only the region's pixels (pasting a small completion back into a large photo).
     */
    public static RgbImage resizeRegion(RgbImage image, int width, int height, Box region) {
        checkSize(width, height);
        if (region.x1() > width || region.y1() > height) {
            throw new IllegalArgumentException(region + " does not fit in a " + width + "x" + height + " image");
        }
        AxisWeights wx = AxisWeights.forImage(image.width(), width).slice(region.x0(), region.x1());
        AxisWeights wy = AxisWeights.forImage(image.height(), height).slice(region.y0(), region.y1());
        return new RgbImage(region.width(), region.height(),
                resample(image.chw(), 3, image.width(), image.height(), wx, wy));
    }

    /** An output pixel is a hole when any source pixel its footprint overlaps is a hole. */
    public static HoleMask resize(HoleMask mask, int width, int height) {
        checkSize(width, height);
        int srcW = mask.width();
        int srcH = mask.height();
        int[][] xs = AxisWeights.footprints(srcW, width);
        int[][] ys = AxisWeights.footprints(srcH, height);
        boolean[] rows = new boolean[srcH * width];
        for (int y = 0; y < srcH; y++) {
            for (int x = 0; x < width; x++) {
                rows[y * width + x] = anyHole(mask.hole(), y * srcW, xs[x][0], xs[x][1], 1);
            }
        }
        boolean[] out = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = anyHole(rows, x, ys[y][0], ys[y][1], width);
            }
        }
        return new HoleMask(width, height, out);
    }

    /** An output pixel is a hole when more than {@code share} of its footprint is hole. */
    public static HoleMask resizeMostlyHole(HoleMask mask, int width, int height, double share) {
        float[] coverage = resizeCoverage(mask, width, height);
        boolean[] out = new boolean[coverage.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = coverage[i] > share;
        }
        return new HoleMask(width, height, out);
    }

    /**
     * {@code image} shrunk by area averaging of its known pixels only: an output pixel whose footprint
     * is partly hole is the average of the known pixels in it, so the hole's content (whatever fills
     * it) never leaks into a pixel counted as known. Pixels whose footprint is all hole, or has no
     * hole, are the plain {@link #resize(RgbImage, int, int)}. Only for shrinking on both axes.
     */
    public static RgbImage resizeKnown(RgbImage image, HoleMask mask, int width, int height) {
        checkSize(width, height);
        int srcW = image.width();
        int srcH = image.height();
        if (width > srcW || height > srcH || mask.width() != srcW || mask.height() != srcH) {
            throw new IllegalArgumentException("resizeKnown shrinks a " + srcW + "x" + srcH + " image with its mask ("
                    + mask.width() + "x" + mask.height() + ") to " + width + "x" + height);
        }
        AxisWeights wx = AxisWeights.area(srcW, width);
        AxisWeights wy = AxisWeights.area(srcH, height);
        // one pass over the photo: per row, each output column's plain sums, known-only sums, and the
        // weights of its known and its hole pixels (the same arithmetic as resample for the plain sums)
        float[] src = image.chw();
        boolean[] hole = mask.hole();
        int plane = srcW * srcH;
        float[][] mid = new float[KNOWN_PARTS][srcH * width];
        double[] sums = new double[KNOWN_PARTS];
        for (int y = 0; y < srcH; y++) {
            for (int x = 0; x < width; x++) {
                Arrays.fill(sums, 0);
                double[] weights = wx.weights[x];
                for (int k = 0; k < weights.length; k++) {
                    int p = y * srcW + wx.first[x] + k;
                    accumulate(sums, weights[k], hole[p], src[p], src[plane + p], src[2 * plane + p]);
                }
                for (int part = 0; part < KNOWN_PARTS; part++) {
                    mid[part][y * width + x] = (float) sums[part];
                }
            }
        }
        int outPlane = width * height;
        float[] out = new float[3 * outPlane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                Arrays.fill(sums, 0);
                double[] weights = wy.weights[y];
                for (int k = 0; k < weights.length; k++) {
                    int m = (wy.first[y] + k) * width + x;
                    for (int part = 0; part < KNOWN_PARTS; part++) {
                        sums[part] += weights[k] * mid[part][m];
                    }
                }
                boolean partly = sums[HOLE_WEIGHT] > 0 && sums[KNOWN_WEIGHT] > 0;
                for (int c = 0; c < 3; c++) {
                    out[c * outPlane + y * width + x] = partly
                            ? Math.max(0f, Math.min(1f, (float) (sums[3 + c] / sums[KNOWN_WEIGHT])))
                            : (float) sums[c];
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /** resizeKnown's running sums: plain R, G, B; known-only R, G, B; the known pixels' weight; the hole's. */
    private static final int KNOWN_PARTS = 8;
    private static final int KNOWN_WEIGHT = 6;
    private static final int HOLE_WEIGHT = 7;

    private static void accumulate(double[] sums, double weight, boolean hole, float r, float g, float b) {
        sums[0] += weight * r;
        sums[1] += weight * g;
        sums[2] += weight * b;
        if (hole) {
            sums[HOLE_WEIGHT] += weight;
        } else {
            sums[3] += weight * r;
            sums[4] += weight * g;
            sums[5] += weight * b;
            sums[KNOWN_WEIGHT] += weight;
        }
    }

    /** Fraction of each output pixel's footprint that is hole, in [0, 1], row-major. */
    public static float[] resizeCoverage(HoleMask mask, int width, int height) {
        checkSize(width, height);
        float[] holes = new float[mask.hole().length];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = mask.hole()[i] ? 1f : 0f;
        }
        return resample(holes, 1, mask.width(), mask.height(),
                AxisWeights.area(mask.width(), width), AxisWeights.area(mask.height(), height));
    }

    private static boolean anyHole(boolean[] data, int base, int from, int to, int stride) {
        for (int j = from; j < to; j++) {
            if (data[base + j * stride]) {
                return true;
            }
        }
        return false;
    }

    /** Separable resampling of {@code planes} stacked row-major planes: rows first, then columns. */
    private static float[] resample(float[] src, int planes, int srcW, int srcH, AxisWeights wx, AxisWeights wy) {
        int dstW = wx.size();
        int dstH = wy.size();
        float[] mid = new float[planes * srcH * dstW];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < srcH; y++) {
                int in = (p * srcH + y) * srcW;
                int out = (p * srcH + y) * dstW;
                for (int x = 0; x < dstW; x++) {
                    mid[out + x] = weightedSum(src, in + wx.first[x], 1, wx.weights[x]);
                }
            }
        }
        float[] dst = new float[planes * dstH * dstW];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < dstH; y++) {
                int out = (p * dstH + y) * dstW;
                int in = (p * srcH + wy.first[y]) * dstW;
                for (int x = 0; x < dstW; x++) {
                    dst[out + x] = weightedSum(mid, in + x, dstW, wy.weights[y]);
                }
            }
        }
        return dst;
    }

    private static float weightedSum(float[] data, int start, int stride, double[] weights) {
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k] * data[start + k * stride];
        }
        return (float) sum;
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
    }
}
