package picnet.common.masks;

/**
 * Deterministic synthetic masks: the same (kind, width, height, seed) gives the same mask on every
 * machine and JVM.
 */
public final class MaskGenerator {
    public static final int MIN_SIDE = 32;

    private MaskGenerator() {
    }

    public static HoleMask generate(MaskKind kind, int width, int height, long seed) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException(
                    "generated masks need at least " + MIN_SIDE + "x" + MIN_SIDE + ", got " + width + "x" + height);
        }
        return switch (kind) {
            case CENTER -> center(width, height);
            case REGULAR -> RegularMasks.generate(width, height, new SeededDraws(seed));
            case IRREGULAR -> FreeFormMasks.generate(width, height, new SeededDraws(seed));
        };
    }

    /** Rows {@code h/4 .. 3h/4 - 1} and columns {@code w/4 .. 3w/4 - 1}, as the reference's center_mask. */
    static HoleMask center(int width, int height) {
        MaskCanvas canvas = new MaskCanvas(width, height);
        canvas.fillRect(width / 4, height / 4, 3 * width / 4, 3 * height / 4);
        canvas.commit();
        return canvas.toMask();
    }
}
