package picnet.worker.data;

import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * Rotation about the image centre by a small angle, keeping the size, as torchvision's
 * {@code RandomRotation}: pixels rotated in from outside are black (images) or known (masks).
 * Images are sampled bilinearly, masks by nearest neighbour so they stay binary.
 */
final class Rotation {
    private Rotation() {}

    static RgbImage rotate(RgbImage image, double degrees) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        float[] src = image.chw();
        float[] out = new float[3 * plane];
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // inverse mapping: where in the source this output pixel comes from
                double sx = cos * (x - cx) + sin * (y - cy) + cx;
                double sy = -sin * (x - cx) + cos * (y - cy) + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    int base = c * plane;
                    double v = (1 - fy) * ((1 - fx) * at(src, base, w, h, x0, y0) + fx * at(src, base, w, h, x0 + 1, y0))
                            + fy * ((1 - fx) * at(src, base, w, h, x0, y0 + 1) + fx * at(src, base, w, h, x0 + 1, y0 + 1));
                    out[base + y * w + x] = (float) v;
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    static HoleMask rotate(HoleMask mask, double degrees) {
        int w = mask.width();
        int h = mask.height();
        boolean[] out = new boolean[w * h];
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
                long sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
                out[y * w + x] = sx >= 0 && sy >= 0 && sx < w && sy < h && mask.hole()[(int) (sy * w + sx)];
            }
        }
        return new HoleMask(w, h, out);
    }

    private static float at(float[] src, int base, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : src[base + y * w + x];
    }
}
