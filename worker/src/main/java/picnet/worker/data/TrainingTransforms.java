package picnet.worker.data;

import java.util.SplittableRandom;
import picnet.common.images.ImageResize;
import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/**
 * The reference's augmentation. Images: resize to a square of {@link #loadSize} (266 for 256), a
 * random crop of the model's size, a random horizontal flip, a random rotation of up to 3 degrees.
 * External masks: a random flip, a rotation of up to 10 degrees, the largest centred square, resized
 * to the model's size (conservatively: a hole never vanishes).
 */
public final class TrainingTransforms {
    static final double IMAGE_ROTATION_DEGREES = 3;
    static final double MASK_ROTATION_DEGREES = 10;

    private TrainingTransforms() {}

    /** {@code round(size * 266 / 256)}: the reference loads 266 for a 256 crop. */
    public static int loadSize(int size) {
        return (int) Math.round(size * 266.0 / 256.0);
    }

    public static RgbImage image(RgbImage image, int size, SplittableRandom rng) {
        int load = loadSize(size);
        RgbImage resized = ImageResize.resize(image, load, load);
        int x0 = rng.nextInt(load - size + 1);
        int y0 = rng.nextInt(load - size + 1);
        RgbImage out = resized.crop(new Box(x0, y0, x0 + size, y0 + size));
        if (rng.nextBoolean()) {
            out = flip(out);
        }
        return Rotation.rotate(out, uniform(rng, IMAGE_ROTATION_DEGREES));
    }

    public static HoleMask mask(HoleMask mask, int size, SplittableRandom rng) {
        HoleMask m = rng.nextBoolean() ? flip(mask) : mask;
        m = Rotation.rotate(m, uniform(rng, MASK_ROTATION_DEGREES));
        int side = Math.min(m.width(), m.height());
        int x0 = (m.width() - side) / 2;
        int y0 = (m.height() - side) / 2;
        m = m.crop(new Box(x0, y0, x0 + side, y0 + side));
        return side == size ? m : ImageResize.resize(m, size, size);
    }

    private static double uniform(SplittableRandom rng, double limit) {
        return (2 * rng.nextDouble() - 1) * limit;
    }

    static RgbImage flip(RgbImage image) {
        int w = image.width();
        float[] src = image.chw();
        float[] out = new float[src.length];
        for (int row = 0; row < 3 * image.height(); row++) {
            int base = row * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = src[base + w - 1 - x];
            }
        }
        return new RgbImage(w, image.height(), out);
    }

    static HoleMask flip(HoleMask mask) {
        int w = mask.width();
        boolean[] out = new boolean[mask.hole().length];
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = mask.hole()[y * w + w - 1 - x];
            }
        }
        return new HoleMask(w, mask.height(), out);
    }
}
