package picnet.common.masks;

/**
 * One to five axis-aligned rectangles with sides between a tenth and a half of the image side,
 * placed fully inside the image. Draws are repeated until the union covers 10% to 60% of the image.
 */
final class RegularMasks {
    static final double MIN_FRACTION = 0.10;
    static final double MAX_FRACTION = 0.60;
    private static final int MAX_ATTEMPTS = 1000;

    private RegularMasks() {
    }

    static HoleMask generate(int width, int height, SeededDraws draws) {
        MaskCanvas canvas = new MaskCanvas(width, height);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            canvas.clear();
            int count = draws.between(1, 5);
            for (int i = 0; i < count; i++) {
                int w = draws.between(Math.max(1, width / 10), width / 2);
                int h = draws.between(Math.max(1, height / 10), height / 2);
                int x = draws.between(0, width - w);
                int y = draws.between(0, height - h);
                canvas.fillRect(x, y, x + w, y + h);
            }
            canvas.commit();
            double fraction = canvas.holeFraction();
            if (fraction >= MIN_FRACTION && fraction <= MAX_FRACTION) {
                return canvas.toMask();
            }
        }
        // Practically unreachable (most attempts succeed); a half-by-half rectangle covers 25%.
        canvas.clear();
        int x = draws.between(0, width - width / 2);
        int y = draws.between(0, height - height / 2);
        canvas.fillRect(x, y, x + width / 2, y + height / 2);
        canvas.commit();
        return canvas.toMask();
    }
}
