package picnet.common.masks;

import java.util.SplittableRandom;

/**
 * Random draws derived only from {@link SplittableRandom#nextLong()}, whose SplitMix64 output is
 * fixed by its specification. The bounded helpers of the JDK are not relied upon, so a seed gives
 * the same masks on every JVM version.
 */
final class SeededDraws {
    private final SplittableRandom random;

    SeededDraws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform integer in [min, max], both inclusive. */
    int between(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        long span = (long) max - min + 1;
        return (int) (min + Long.remainderUnsigned(random.nextLong(), span));
    }

    /** Uniform in [0, 1). */
    double unit() {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [min, max). */
    double between(double min, double max) {
        return min + (max - min) * unit();
    }
}
