package picnet.common.masks;

/** A non-empty pixel rectangle: columns {@code x0 .. x1-1}, rows {@code y0 .. y1-1} (ends exclusive). */
public record Box(int x0, int y0, int x1, int y1) {
    public Box {
        if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("invalid box [" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1 + ")");
        }
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    public long area() {
        return (long) width() * height();
    }

    /** This box grown by {@code margin} on every side, clipped to an image of the given size. */
    public Box expand(int margin, int imageWidth, int imageHeight) {
        return new Box(Math.max(0, x0 - margin), Math.max(0, y0 - margin),
                Math.min(imageWidth, x1 + margin), Math.min(imageHeight, y1 + margin));
    }
}
