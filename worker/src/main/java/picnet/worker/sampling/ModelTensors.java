package picnet.worker.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/** Conversions between user-facing images and masks and the model's tensors. */
public final class ModelTensors {
    private ModelTensors() {}

    /** (1, 3, H, W) in [-1, 1]. */
    public static NDArray image(NDManager m, RgbImage image) {
        float[] v = new float[image.chw().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * image.chw()[i] - 1;
        }
        return m.create(v, new Shape(1, 3, image.height(), image.width()));
    }

    /** (1, 3, H, W) with 1 = known pixel, 0 = hole (the model's convention; user files are the opposite). */
    public static NDArray knownMask(NDManager m, HoleMask mask) {
        int n = mask.width() * mask.height();
        float[] v = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float known = mask.hole()[i] ? 0f : 1f;
            v[i] = known;
            v[n + i] = known;
            v[2 * n + i] = known;
        }
        return m.create(v, new Shape(1, 3, mask.height(), mask.width()));
    }

    /** Sample {@code index} of a (B, 3, H, W) batch in [-1, 1], as an image in [0, 1]. */
    public static RgbImage toImage(float[] batch, int index, int width, int height) {
        int n = 3 * width * height;
        float[] chw = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (batch[index * n + i] + 1) / 2;
            chw[i] = Math.min(1f, Math.max(0f, v));
        }
        return new RgbImage(width, height, chw);
    }
}
