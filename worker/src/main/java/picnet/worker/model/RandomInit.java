package picnet.worker.model;

import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Initial values for a fresh model: normal weights scaled by fan-in, zero biases, unit instance-norm
 * scales, unit-length spectral-norm vectors, and zero attention gates (the layer starts as identity).
 */
final class RandomInit {
    /** Enough power iterations for sigma to be the largest singular value, not a random projection. */
    static final int POWER_ITERATIONS = 30;

    private RandomInit() {}

    static float[] values(String name, Shape shape, SplittableRandom rng) {
        int n = (int) shape.size();
        float[] v = new float[n];
        if (name.endsWith("bias") || name.endsWith("gamma") || name.endsWith("alpha")) {
            return v;
        }
        if (name.endsWith(".weight") && shape.dimension() == 1) { // instance norm scale
            java.util.Arrays.fill(v, 1f);
            return v;
        }
        double scale = 1.0;
        if (shape.dimension() == 4) {
            long fanIn = shape.size() / shape.get(0);
            scale = Math.sqrt(2.0 / fanIn);
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v[i] = (float) (gaussian(rng) * scale);
            norm += (double) v[i] * v[i];
        }
        if (name.endsWith("weight_u") || name.endsWith("weight_v")) {
            float inv = (float) (1.0 / (Math.sqrt(norm) + 1e-12));
            for (int i = 0; i < n; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
