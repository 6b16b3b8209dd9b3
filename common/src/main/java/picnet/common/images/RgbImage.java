package picnet.common.images;

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
}
