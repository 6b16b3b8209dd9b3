package picnet.common.images;

import picnet.common.masks.Box;

/**
 * An RGB image held as planar float channels (C, H, W order, row-major), values in [0, 1].
 *
 * <p>This is the exchange type between image files, masks, the model and the job system. It carries
 * no colour management: sRGB values are used as they are, like the reference implementation does.
 */
public record RgbImage(int width, int height, float[] chw) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (chw.length != 3 * width * height) {
            throw new IllegalArgumentException(
                    "expected " + 3 * width * height + " values for " + width + "x" + height + ", got " + chw.length);
        }
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new float[3 * width * height]);
    }

    public float get(int channel, int y, int x) {
        return chw[(channel * height + y) * width + x];
    }

    /** The part of this image inside {@code box}, which must lie within the image. */
    public RgbImage crop(Box box) {
        if (box.x1() > width || box.y1() > height) {
            throw new IllegalArgumentException(box + " does not fit in a " + width + "x" + height + " image");
        }
        int w = box.width();
        int h = box.height();
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(chw, (c * height + box.y0() + y) * width + box.x0(), out, (c * h + y) * w, w);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A copy of this image with {@code patch} written over it, its top-left corner at (x0, y0). */
    public RgbImage paste(RgbImage patch, int x0, int y0) {
        if (x0 < 0 || y0 < 0 || x0 + patch.width > width || y0 + patch.height > height) {
            throw new IllegalArgumentException("a " + patch.width + "x" + patch.height + " patch at (" + x0 + ", " + y0
                    + ") does not fit in a " + width + "x" + height + " image");
        }
        float[] out = chw.clone();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < patch.height; y++) {
                System.arraycopy(patch.chw, (c * patch.height + y) * patch.width,
                        out, (c * height + y0 + y) * width + x0, patch.width);
            }
        }
        return new RgbImage(width, height, out);
    }
}
