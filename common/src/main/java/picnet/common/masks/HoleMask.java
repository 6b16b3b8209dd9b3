package picnet.common.masks;

/**
 * Which pixels are missing. {@code hole[y * width + x]} is true where the pixel must be generated.
 *
 * <p>User-facing mask files are white where the hole is; the model itself works with the opposite
 * convention (1 = known pixel), see {@link #knownFraction()} and the model code.
 */
public record HoleMask(int width, int height, boolean[] hole) {
    public HoleMask {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        if (hole.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " mask values for " + width + "x" + height + ", got " + hole.length);
        }
    }

    public boolean isHole(int y, int x) {
        return hole[y * width + x];
    }

    public int holeCount() {
        int n = 0;
        for (boolean h : hole) {
            if (h) {
                n++;
            }
        }
        return n;
    }

    /** Fraction of known (non-hole) pixels, in [0, 1]. */
    public double knownFraction() {
        return 1.0 - (double) holeCount() / hole.length;
    }

    /** The smallest box holding every hole pixel, or null when the mask has no hole. */
    public Box holeBounds() {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (hole[y * width + x]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = y;
                }
            }
        }
        return x1 < 0 ? null : new Box(x0, y0, x1 + 1, y1 + 1);
    }

    /** The part of this mask inside {@code box}, which must lie within the mask. */
    public HoleMask crop(Box box) {
        if (box.x1() > width || box.y1() > height) {
            throw new IllegalArgumentException(box + " does not fit in a " + width + "x" + height + " mask");
        }
        boolean[] out = new boolean[box.width() * box.height()];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(hole, (box.y0() + y) * width + box.x0(), out, y * box.width(), box.width());
        }
        return new HoleMask(box.width(), box.height(), out);
    }
}
