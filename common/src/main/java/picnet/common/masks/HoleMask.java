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
}
