package picnet.worker.sampling;

import java.util.SplittableRandom;

/**
 * Standard normal noise for sample {@code index} of a job with {@code seed}. Each sample has its own
 * stream, so a sample is the same whatever batch it is drawn in, and a redone job redraws it exactly.
 */
final class LatentNoise {
    private LatentNoise() {}

    static float[] forSample(long seed, int index, int size) {
        SplittableRandom rng = new SplittableRandom(mix(seed, index));
        float[] eps = new float[size];
        for (int i = 0; i < size; i += 2) {
            double u1 = 1.0 - rng.nextDouble(); // (0, 1]
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            eps[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < size) {
                eps[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return eps;
    }

    /** A well-spread 64-bit key for (seed, index) (the SplitMix64 finaliser). */
    static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
