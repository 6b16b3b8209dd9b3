package picnet.common.masks;

/**
 * Free-form masks in the spirit of the paper's irregular setting: thick brush polylines, filled
 * discs and thick elliptic arcs, sized relative to the image. Shapes are added until a randomly
 * drawn target fraction (12% to 45%) is reached; a shape that would push the hole past 50% is
 * refused, so the result always covers between 10% and 50% of the image.
 */
final class FreeFormMasks {
    static final double MIN_FRACTION = 0.10;
    static final double MAX_FRACTION = 0.50;
    private static final int MAX_SHAPES_TRIED = 10_000;

    private FreeFormMasks() {
    }

    static HoleMask generate(int width, int height, SeededDraws draws) {
        MaskCanvas canvas = new MaskCanvas(width, height);
        Brush brush = new Brush(Math.min(width, height), draws);
        double target = draws.between(0.12, 0.45);
        for (int tried = 0; tried < MAX_SHAPES_TRIED && canvas.holeFraction() < target; tried++) {
            double shape = draws.unit();
            if (shape < 0.7) {
                brush.polyline(canvas);
            } else if (shape < 0.85) {
                brush.disc(canvas);
            } else {
                brush.ellipticArc(canvas);
            }
            if (canvas.fractionWithPending() <= MAX_FRACTION) {
                canvas.commit();
            } else {
                canvas.discard();
            }
        }
        // Only reached if many big shapes were refused: small discs cannot overshoot from below 10%.
        while (canvas.holeFraction() < MIN_FRACTION) {
            brush.smallDisc(canvas);
            canvas.commit();
        }
        return canvas.toMask();
    }

    /** Random shape parameters scaled to the image's shorter side (the reference's 4..20 px at 256). */
    private static final class Brush {
        private final int side;
        private final SeededDraws draws;
        private final int minWidth;
        private final int maxWidth;

        Brush(int side, SeededDraws draws) {
            this.side = side;
            this.draws = draws;
            this.minWidth = Math.max(2, side / 64);
            this.maxWidth = Math.max(minWidth + 1, side * 5 / 64);
        }

        void polyline(MaskCanvas canvas) {
            double radius = draws.between(minWidth, maxWidth) / 2.0;
            int vertices = draws.between(2, 6);
            double x = draws.between(0, canvas.width - 1);
            double y = draws.between(0, canvas.height - 1);
            for (int i = 1; i < vertices; i++) {
                double angle = draws.between(0.0, 2 * Math.PI);
                double length = draws.between(side / 16.0, side / 4.0);
                double nx = clamp(x + length * StrictMath.cos(angle), canvas.width - 1);
                double ny = clamp(y + length * StrictMath.sin(angle), canvas.height - 1);
                canvas.strokeSegment(x, y, nx, ny, radius);
                x = nx;
                y = ny;
            }
        }

        void disc(MaskCanvas canvas) {
            canvas.fillDisk(draws.between(0, canvas.width - 1), draws.between(0, canvas.height - 1),
                    draws.between(minWidth, maxWidth));
        }

        void smallDisc(MaskCanvas canvas) {
            canvas.fillDisk(draws.between(0, canvas.width - 1), draws.between(0, canvas.height - 1),
                    Math.max(2, side / 32));
        }

        void ellipticArc(MaskCanvas canvas) {
            double radius = draws.between(minWidth, maxWidth) / 2.0;
            double cx = draws.between(0, canvas.width - 1);
            double cy = draws.between(0, canvas.height - 1);
            double a = draws.between(side / 16.0, side / 3.0);
            double b = draws.between(side / 16.0, side / 3.0);
            double rotation = draws.between(0.0, Math.PI);
            double start = draws.between(0.0, 2 * Math.PI);
            double extent = draws.between(Math.PI / 2, 2 * Math.PI);
            int steps = Math.max(8, (int) Math.ceil(extent * Math.max(a, b) / 4));
            double cos = StrictMath.cos(rotation);
            double sin = StrictMath.sin(rotation);
            double px = 0;
            double py = 0;
            for (int i = 0; i <= steps; i++) {
                double t = start + extent * i / steps;
                double ex = a * StrictMath.cos(t);
                double ey = b * StrictMath.sin(t);
                double x = cx + ex * cos - ey * sin;
                double y = cy + ex * sin + ey * cos;
                if (i > 0) {
                    canvas.strokeSegment(px, py, x, y, radius);
                }
                px = x;
                py = y;
            }
        }

        private static double clamp(double v, double max) {
            return Math.max(0, Math.min(max, v));
        }
    }
}
