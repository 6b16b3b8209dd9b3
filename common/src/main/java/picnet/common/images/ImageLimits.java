package picnet.common.images;

/**
 * Size limits checked against an image's header before its pixels are decoded, so that a small
 * file claiming huge dimensions (a decompression bomb) is refused without allocating anything.
 */
public record ImageLimits(int maxSide, long maxPixels) {
    public static final ImageLimits DEFAULT = new ImageLimits(12_000, 50_000_000L);

    public ImageLimits {
        if (maxSide <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive, got maxSide=" + maxSide + " maxPixels=" + maxPixels);
        }
    }

    /** Throws {@link InvalidImageException} naming the dimensions when an image of this size is not allowed. */
    public void check(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException("image header declares an invalid size " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new InvalidImageException("image is " + width + "x" + height + " = " + pixels
                    + " pixels, the limit is " + maxPixels);
        }
        int side = Math.max(width, height);
        if (side > maxSide) {
            throw new InvalidImageException("image is " + width + "x" + height + ", its side of " + side
                    + " pixels exceeds the limit of " + maxSide);
        }
    }
}
