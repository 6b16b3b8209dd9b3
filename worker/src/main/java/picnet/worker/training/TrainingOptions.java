package picnet.worker.training;

/**
 * How a run trains. {@code steps} is the step count the run ends at (a resumed run continues towards
 * it); the learning rate is constant for {@code niter} steps and decays linearly over
 * {@code niterDecay} (after a linear warm-up over the first {@code warmup} steps, 0 = none), the discriminators' from {@code discriminatorLearningRate} on the same schedule (the
 * authors use one rate for all networks; a higher one for D and D_rec is the two time-scale rule, TTUR).
 * Checkpoints are written every {@code checkpointEvery} steps (and at the end or on cancellation), the newest {@code keep} kept; previews every {@code previewEvery} steps (0 = none).
 * {@code discriminatorAugment} is {@link DiscriminatorAugment#none()} and {@code holeWeight} (the weight of
 * {@code hole_g}, see {@link TwoPathObjective}) 0 for the authors' objective; {@code holeBestOf} prior samples
 * are drawn per image, and {@code hole_g} takes the closest (1 for the authors' single sample).
 */
public record TrainingOptions(int size, int batch, long steps, long niter, long niterDecay, float learningRate,
        float discriminatorLearningRate, long checkpointEvery, int keep, long previewEvery, int previewImages,
        int previewSamples, long seed, int loaderThreads, int prefetchBatches, DiscriminatorAugment discriminatorAugment,
        float holeWeight, long warmup, int holeBestOf) {

    public TrainingOptions {
        java.util.Objects.requireNonNull(discriminatorAugment, "discriminatorAugment");
        if (batch < 1 || steps < 1 || checkpointEvery < 1 || keep < 1 || previewEvery < 0 || previewImages < 1
                || previewSamples < 1 || loaderThreads < 1 || prefetchBatches < 1) {
            throw new IllegalArgumentException("batch, steps, checkpoint-every, keep, preview images/samples, loader "
                    + "threads and prefetch must be positive and preview-every >= 0");
        }
        new LearningRateSchedule(learningRate, niter, niterDecay, warmup); // validates
        if (!(discriminatorLearningRate > 0)) {
            throw new IllegalArgumentException("the discriminators' learning rate must be positive, got "
                    + discriminatorLearningRate);
        }
        if (!(holeWeight >= 0) || Float.isInfinite(holeWeight)) {
            throw new IllegalArgumentException("the hole L1 weight must be a finite number >= 0, got " + holeWeight);
        }
        if (holeBestOf < 1) {
            throw new IllegalArgumentException("hole-best-of must be at least 1, got " + holeBestOf);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The rate of E and G. */
    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate, niter, niterDecay, warmup);
    }

    /** The rate of D and D_rec. */
    public LearningRateSchedule discriminatorSchedule() {
        return new LearningRateSchedule(discriminatorLearningRate, niter, niterDecay, warmup);
    }

    /** Options with the reference's defaults; {@code steps} defaults to niter + niterDecay. */
    public static final class Builder {
        private int size = 256;
        private int batch = 4;
        private Long steps;
        private long niter = 200_000;
        private long niterDecay = 0;
        private float learningRate = AdamOptimizer.LR;
        private Float discriminatorLearningRate;
        private long checkpointEvery = 1000;
        private int keep = 3;
        private long previewEvery = 500;
        private int previewImages = 4;
        private int previewSamples = 3;
        private long seed = 0;
        private int loaderThreads = 2;
        private int prefetchBatches = 4;
        private DiscriminatorAugment discriminatorAugment = DiscriminatorAugment.none();
        private float holeWeight = 0;
        private int holeBestOf = 1;
        private long warmup = 0;

        public Builder optSize(int v) { size = v; return this; }
        public Builder optBatch(int v) { batch = v; return this; }
        public Builder optSteps(long v) { steps = v; return this; }
        public Builder optNiter(long v) { niter = v; return this; }
        public Builder optNiterDecay(long v) { niterDecay = v; return this; }
        public Builder optLearningRate(float v) { learningRate = v; return this; }
        /** Default: the same as {@link #optLearningRate}. */
        public Builder optDiscriminatorLearningRate(float v) { discriminatorLearningRate = v; return this; }
        public Builder optCheckpointEvery(long v) { checkpointEvery = v; return this; }
        public Builder optKeep(int v) { keep = v; return this; }
        public Builder optPreviewEvery(long v) { previewEvery = v; return this; }
        public Builder optPreviewImages(int v) { previewImages = v; return this; }
        public Builder optPreviewSamples(int v) { previewSamples = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optLoaderThreads(int v) { loaderThreads = v; return this; }
        public Builder optPrefetchBatches(int v) { prefetchBatches = v; return this; }
        public Builder optDiscriminatorAugment(DiscriminatorAugment v) { discriminatorAugment = v; return this; }
        public Builder optHoleWeight(float v) { holeWeight = v; return this; }
        public Builder optHoleBestOf(int v) { holeBestOf = v; return this; }
        public Builder optWarmup(long v) { warmup = v; return this; }

        public TrainingOptions build() {
            long total = steps != null ? steps : niter + niterDecay;
            return new TrainingOptions(size, batch, total, niter, niterDecay, learningRate,
                    discriminatorLearningRate == null ? learningRate : discriminatorLearningRate, checkpointEvery, keep,
                    previewEvery, previewImages, previewSamples, seed, loaderThreads, prefetchBatches,
                    discriminatorAugment, holeWeight, warmup, holeBestOf);
        }
    }
}
