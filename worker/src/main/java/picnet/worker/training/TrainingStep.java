package picnet.worker.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picnet.worker.data.Seeds;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.layers.Parameter;
import picnet.worker.model.layers.SpectralMode;

/**
 * One optimisation step of PICNet in the reference's order: both paths forward once; the
 * discriminators' step on {@code img_d + img_d_rec} (fakes detached) and their Adam update; then,
 * with D and D_rec frozen (no gradients into them, but through them), the generator terms
 * backward into E and G and their Adam update. Spectral norm advances on every forward. With a
 * {@link DiscriminatorAugment}, every image a discriminator sees goes through a fresh random draw.
 *
 * <p>One JVM trains one model at a time: DJL allows one open GradientCollector per process.
 */
public final class TrainingStep implements AutoCloseable {
    private final PicnetNetworks nets;
    private final LearningRateSchedule schedule;
    private final LearningRateSchedule discriminatorSchedule;
    private final AdamOptimizer generatorOptimizer;
    private final AdamOptimizer discriminatorOptimizer;
    private final DiscriminatorAugment augment;
    private final long seed;
    private final float holeWeight;

    /** The authors' step: one rate for all networks, and the discriminators see the images as they are. */
    public TrainingStep(PicnetNetworks nets, LearningRateSchedule schedule) {
        this(nets, schedule, schedule, DiscriminatorAugment.none(), 0, 0);
    }

    /**
     * @param schedule the rate of E and G
     * @param discriminatorSchedule the rate of D and D_rec
     * @param seed with the step, where the augmentation's random parameters come from ({@link Seeds})
     * @param holeWeight the weight of {@code hole_g} ({@link TwoPathObjective}); 0 for the authors' objective
     */
    public TrainingStep(PicnetNetworks nets, LearningRateSchedule schedule, LearningRateSchedule discriminatorSchedule,
                        DiscriminatorAugment augment, long seed, float holeWeight) {
        this.nets = nets;
        this.schedule = schedule;
        this.discriminatorSchedule = discriminatorSchedule;
        this.augment = augment;
        this.seed = seed;
        this.holeWeight = holeWeight;
        nets.setSpectralMode(SpectralMode.ADVANCE);
        generatorOptimizer = new AdamOptimizer(prefixed(nets, PicnetNetworks.E, PicnetNetworks.G), nets.manager());
        discriminatorOptimizer = new AdamOptimizer(prefixed(nets, PicnetNetworks.D, PicnetNetworks.D_REC), nets.manager());
    }

    /** Trainable parameters of {@code networks} keyed {@code NET/dotted.name}. */
    static Map<String, Parameter> prefixed(PicnetNetworks nets, String... networks) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String network : networks) {
            nets.parameters(network).forEach((name, p) -> out.put(network + "/" + name, p));
        }
        return out;
    }

    /**
     * Runs step {@code step} (0-based; it sets the learning rate) on one batch. The arrays may live in
     * any manager; everything the step computes is freed before it returns.
     *
     * @param truth (B, 3, H, W) in [-1, 1]
     * @param mask (B, 3, H, W), 1 = known
     * @param epsP (B, zNc, H/32, W/32) standard normal noise of the posterior sample
     * @param epsQ the same for the prior sample
     */
    public StepLosses run(long step, NDArray truth, NDArray mask, NDArray epsP, NDArray epsQ) {
        float lr = schedule.rate(step);
        // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that loaded
        // the engine, and a GradientCollector restores what it found. On any other thread (a job executor's)
        // the in-place Adam updates would then fail on leaf parameters, so every step starts with it off.
        JniUtils.setGradMode(false);
        try (NDManager scope = nets.manager().newSubManager(truth.getDevice())) {
            NDArray t = alias(truth, scope);
            NDArray m = alias(mask, scope);
            Shape shape = truth.getShape();
            Supplier<DiscriminatorAugment.Draw> draws = augment.draws(
                    Seeds.random(seed, Seeds.DISCRIMINATOR_AUGMENT, step), (int) shape.get(0), (int) shape.get(3));
            int k = (int) (epsQ.getShape().get(0) / shape.get(0));
            Supplier<DiscriminatorAugment.Draw> drawsK = k == 1 ? draws : augment.draws(
                    Seeds.random(seed, Seeds.GENERATION_AUGMENT, step), k * (int) shape.get(0), (int) shape.get(3));
            TwoPathObjective.Terms terms;
            NDArray imgD;
            NDArray imgDRec;
            discriminatorOptimizer.zeroGradients(scope);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                terms = TwoPathObjective.paths(nets, t, m, alias(epsP, scope), alias(epsQ, scope));
                imgD = TwoPathObjective.discriminatorLoss(nets.discriminator(), draws.get().apply(t),
                        drawsK.get().apply(terms.finestGeneration().stopGradient()));
                imgDRec = TwoPathObjective.discriminatorLoss(nets.reconstructionDiscriminator(), draws.get().apply(t),
                        draws.get().apply(terms.finestReconstruction().stopGradient()));
                collector.backward(imgD.add(imgDRec));
            }
            discriminatorOptimizer.step(discriminatorSchedule.rate(step), scope);

            TwoPathObjective.Adversarial adversarial;
            NDArray totalG;
            generatorOptimizer.zeroGradients(scope);
            setTrainable(discriminatorOptimizer, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                adversarial = TwoPathObjective.adversarialTerms(nets, terms, t, draws, drawsK);
                totalG = terms.totalG(adversarial, holeWeight);
                collector.backward(totalG);
            } finally {
                setTrainable(discriminatorOptimizer, true);
            }
            generatorOptimizer.step(lr, scope);
            return new StepLosses(terms.klRec().getFloat(), terms.klG().getFloat(), terms.appRec().getFloat(),
                    terms.appG().getFloat(), adversarial.adG().getFloat(), adversarial.adRec().getFloat(),
                    terms.holeG(holeWeight).getFloat(), imgD.getFloat(), imgDRec.getFloat(), totalG.getFloat(), lr);
        }
    }

    /** Freezing as the reference's {@code requires_grad = False}: gradients pass through, none accumulate. */
    private static void setTrainable(AdamOptimizer optimizer, boolean trainable) {
        optimizer.parameters().values().forEach(p -> p.value().setRequiresGradient(trainable));
    }

    private static NDArray alias(NDArray x, NDManager scope) {
        NDArray view = x.reshape(x.getShape());
        view.attach(scope);
        return view;
    }

    public PicnetNetworks networks() {
        return nets;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** Adam over E and G, keys {@code E/...} and {@code G/...}. */
    public AdamOptimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    /** Adam over D and D_rec, keys {@code D/...} and {@code D_rec/...}. */
    public AdamOptimizer discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    /** Frees the optimisers' state; the networks belong to the caller. */
    @Override
    public void close() {
        generatorOptimizer.close();
        discriminatorOptimizer.close();
    }
}
