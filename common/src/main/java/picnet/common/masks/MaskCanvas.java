package picnet.common.masks;

import java.util.Arrays;

/**
 * A hole bitmap that shapes are drawn onto in two steps: a shape's pixels are first collected as
 * pending, then either committed or discarded, so a generator can refuse a shape that would make
 * the hole too large. Drawing is plain arithmetic on pixel centres (no antialiasing, no java.awt),
 * so the result is the same on every JVM.
 */
final class MaskCanvas {
    final int width;
    final int height;
    private final boolean[] hole;
    private final boolean[] pending;
    private int[] pendingPixels = new int[256];
    private int pendingCount;
    private int holeCount;

    MaskCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.hole = new boolean[width * height];
        this.pending = new boolean[width * height];
    }

    double holeFraction() {
        return (double) holeCount / hole.length;
    }

    /** The hole fraction if the pending shape were committed. */
    double fractionWithPending() {
        return (double) (holeCount + pendingCount) / hole.length;
    }

    void commit() {
        for (int i = 0; i < pendingCount; i++) {
            hole[pendingPixels[i]] = true;
            pending[pendingPixels[i]] = false;
        }
        holeCount += pendingCount;
        pendingCount = 0;
    }

    void discard() {
        for (int i = 0; i < pendingCount; i++) {
            pending[pendingPixels[i]] = false;
        }
        pendingCount = 0;
    }

    void clear() {
        discard();
        Arrays.fill(hole, false);
        holeCount = 0;
    }

    HoleMask toMask() {
        return new HoleMask(width, height, hole.clone());
    }

    /** Columns x0..x1-1 of rows y0..y1-1, clipped to the canvas. */
    void fillRect(int x0, int y0, int x1, int y1) {
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) {
                mark(x, y);
            }
        }
    }

    /** Every pixel whose centre lies within {@code radius} of the segment: a line with round caps. */
    void strokeSegment(double ax, double ay, double bx, double by, double radius) {
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double r2 = radius * radius;
        int xMin = Math.max(0, (int) Math.floor(Math.min(ax, bx) - radius));
        int xMax = Math.min(width - 1, (int) Math.ceil(Math.max(ax, bx) + radius));
        int yMin = Math.max(0, (int) Math.floor(Math.min(ay, by) - radius));
        int yMax = Math.min(height - 1, (int) Math.ceil(Math.max(ay, by) + radius));
        for (int y = yMin; y <= yMax; y++) {
            for (int x = xMin; x <= xMax; x++) {
                double t = lengthSquared == 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / lengthSquared;
                t = Math.max(0, Math.min(1, t));
                double ex = x - (ax + t * dx);
                double ey = y - (ay + t * dy);
                if (ex * ex + ey * ey <= r2) {
                    mark(x, y);
                }
            }
        }
    }

    void fillDisk(double cx, double cy, double radius) {
        strokeSegment(cx, cy, cx, cy, radius);
    }

    private void mark(int x, int y) {
        int i = y * width + x;
        if (hole[i] || pending[i]) {
            return;
        }
        pending[i] = true;
        if (pendingCount == pendingPixels.length) {
            pendingPixels = Arrays.copyOf(pendingPixels, pendingCount * 2);
        }
        pendingPixels[pendingCount++] = i;
    }
}
