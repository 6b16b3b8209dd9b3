package picnet.worker.training;

/**
 * The reference's schedule in steps instead of epochs: the base rate for {@code niter} steps, then a
 * linear decay towards zero over {@code niterDecay} steps, as the authors' lambda rule
 * {@code 1 - max(0, t + 1 - niter) / (niter_decay + 1)} for the 0-based step t.
 * <p>
 * {@code warmup} (0 in the authors' schedule) scales the first steps' rate by {@code (t + 1) / warmup}: a run
 * started from a model without its optimiser state has an Adam whose second-moment estimate rests on a few
 * gradients, so its first updates are near {@code lr * sign(g)} for every weight and move a trained model
 * further than the same rate does later.
 */
public record LearningRateSchedule(float baseRate, long niter, long niterDecay, long warmup) {
    public LearningRateSchedule {
        if (!(baseRate > 0) || niter < 0 || niterDecay < 0 || warmup < 0) {
            throw new IllegalArgumentException("learning rate must be positive and niter, niterDecay, warmup >= 0, got "
                    + baseRate + ", " + niter + ", " + niterDecay + ", " + warmup);
        }
    }

    public LearningRateSchedule(float baseRate, long niter, long niterDecay) {
        this(baseRate, niter, niterDecay, 0);
    }

    /** The rate of the 0-based step {@code step}. */
    public float rate(long step) {
        double factor = 1.0 - Math.max(0, step + 1 - niter) / (double) (niterDecay + 1);
        if (step < warmup) {
            factor *= (step + 1) / (double) warmup;
        }
        return (float) (baseRate * Math.max(0.0, factor));
    }

    /** Steps the whole schedule spans. */
    public long totalSteps() {
        return niter + niterDecay;
    }
}
