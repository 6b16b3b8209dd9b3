package picnet.worker.data;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by (seed, stream, index), so that a sample, a mask or a step's
 * noise depends only on its index: training resumed at step s draws exactly what it would have.
 */
public final class Seeds {
    public static final long IMAGE_ORDER = 1;
    public static final long AUGMENTATION = 2;
    public static final long MASK = 3;
    public static final long LATENT_NOISE = 4;
    public static final long PREVIEW = 5;
    public static final long DISCRIMINATOR_AUGMENT = 6;
    /** DiffAugment draws for the K prior samples of {@code train --hole-best-of} K > 1 (the value its first run used). */
    public static final long GENERATION_AUGMENT = 106;

    private Seeds() {}

    public static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed, stream), index));
    }

    /** The SplitMix64 finaliser over {@code seed * golden + index}. */
    public static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code n} standard normal floats (Box-Muller). */
    public static float[] gaussian(SplittableRandom rng, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i += 2) {
            double r = Math.sqrt(-2.0 * Math.log(1.0 - rng.nextDouble()));
            double a = 2 * Math.PI * rng.nextDouble();
            out[i] = (float) (r * Math.cos(a));
            if (i + 1 < n) {
                out[i + 1] = (float) (r * Math.sin(a));
            }
        }
        return out;
    }
}
