package picnet.worker.training;

/**
 * The reference's schedule in steps instead of epochs: the base rate for {@code niter} steps, then a
 * linear decay towards zero over {@code niterDecay} steps, as the authors' lambda rule
 * {@code 1 - max(0, t + 1 - niter) / (niter_decay + 1)} for the 0-based step t.
 */
public record LearningRateSchedule(float baseRate, long niter, long niterDecay) {
    public LearningRateSchedule {
        if (!(baseRate > 0) || niter < 0 || niterDecay < 0) {
            throw new IllegalArgumentException("learning rate must be positive and niter, niterDecay >= 0, got "
                    + baseRate + ", " + niter + ", " + niterDecay);
        }
    }

    /** The rate of the 0-based step {@code step}. */
    public float rate(long step) {
        double factor = 1.0 - Math.max(0, step + 1 - niter) / (double) (niterDecay + 1);
        return (float) (baseRate * Math.max(0.0, factor));
    }

    /** Steps the whole schedule spans. */
    public long totalSteps() {
        return niter + niterDecay;
    }
}
