package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.conformance.ReferenceFixture;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.layers.Parameter;
import picnet.worker.model.layers.SpectralMode;

/**
 * One {@link TrainingStep} on the shared fixture equals the same step computed independently: the
 * gradients from the objective (the path {@code ReferenceCheck} proves equal to the authors' to 1e-3),
 * then Adam applied by hand on host arrays. With betas (0, 0.999) the first step is
 * {@code m = g}, {@code v = 0.001 g^2}, {@code p -= lr * m / (sqrt(v) / sqrt(1 - 0.999) + eps)},
 * that is {@code p -= lr * g / (|g| + eps)} up to rounding.
 */
class TrainingStepTest {
    private static final float LR = AdamOptimizer.LR;
    private static final List<String> GENERATOR_PARAMS = List.of("E/block0.conv1.module.weight_bar",
            "E/posterior.conv2.module.weight_bar", "E/prior.conv2.module.bias", "G/attn1.alpha", "G/attn1.gamma",
            "G/decoder0.conv1.module.weight_bar", "G/out4.conv1.module.weight_bar");
    private static final List<String> DISCRIMINATOR_PARAMS = List.of("D/block0.conv1.module.weight_bar",
            "D/conv.module.bias", "D/attn2.gamma", "D_rec/encoder3.conv2.module.weight_bar");

    @Test
    void oneStepEqualsGradientsPlusHandAdam() {
        ReferenceFixture fixture = FixtureSupport.open();
        Map<String, Map<String, HostTensor>> weights = fixture.checkpoints();
        Map<String, float[]> before;
        Map<String, float[]> expected = new LinkedHashMap<>();
        Map<String, float[]> gradients = new LinkedHashMap<>();
        Map<String, float[]> afterDiscriminatorStep = new LinkedHashMap<>();
        try (PicnetNetworks nets = PicnetNetworks.load(fixture.config(), Device.cpu(), weights, "fixture");
                NDManager scope = nets.manager().newSubManager()) {
            nets.setSpectralMode(SpectralMode.ADVANCE);
            Inputs in = Inputs.of(fixture, scope);
            Map<String, Parameter> disc = TrainingStep.prefixed(nets, PicnetNetworks.D, PicnetNetworks.D_REC);
            Map<String, Parameter> gen = TrainingStep.prefixed(nets, PicnetNetworks.E, PicnetNetworks.G);
            before = hostValues(gen, GENERATOR_PARAMS);
            before.putAll(hostValues(disc, DISCRIMINATOR_PARAMS));
            TwoPathObjective.Terms terms;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                terms = TwoPathObjective.paths(nets, in.truth, in.mask, in.epsP, in.epsQ);
                NDArray d = TwoPathObjective.discriminatorLoss(nets.discriminator(), in.truth, terms.finestGeneration());
                NDArray dRec = TwoPathObjective.discriminatorLoss(
                        nets.reconstructionDiscriminator(), in.truth, terms.finestReconstruction());
                assertRelative(fixture.loss("img_d"), d.getFloat(), 1e-4, "img_d");
                c.backward(d.add(dRec));
            }
            // every D and D_rec parameter moves before the generator step sees them
            for (Map.Entry<String, Parameter> e : disc.entrySet()) {
                Parameter p = e.getValue();
                if (!p.trainable()) {
                    continue;
                }
                float[] g = gradient(p, scope);
                float[] updated = firstAdamStep(p.value().toFloatArray(), g);
                if (DISCRIMINATOR_PARAMS.contains(e.getKey())) {
                    afterDiscriminatorStep.put(e.getKey(), updated);
                    gradients.put(e.getKey(), g);
                }
                p.set(nets.manager().create(updated, p.shape()));
            }
            // E and G have no gradient yet (the discriminator loss saw detached fakes). No zeroGradients():
            // DJL's touches every array of the process and corrupted gradients after other tests had run
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                TwoPathObjective.Adversarial adversarial = TwoPathObjective.adversarialTerms(nets, terms, in.truth);
                c.backward(terms.totalG(adversarial));
            }
            for (String name : GENERATOR_PARAMS) {
                Parameter p = gen.get(name);
                float[] g = gradient(p, scope);
                gradients.put(name, g);
                expected.put(name, firstAdamStep(p.value().toFloatArray(), g));
            }
        }

        try (PicnetNetworks nets = PicnetNetworks.load(fixture.config(), Device.cpu(), weights, "fixture");
                NDManager scope = nets.manager().newSubManager();
                TrainingStep step = new TrainingStep(nets, new LearningRateSchedule(LR, 100, 100))) {
            Inputs in = Inputs.of(fixture, scope);
            StepLosses losses = step.run(0, in.truth, in.mask, in.epsP, in.epsQ);
            for (String term : List.of("kl_rec", "kl_g", "app_rec", "app_g", "img_d", "img_d_rec")) {
                assertRelative(fixture.loss(term), losses.asMap().get(term), 1e-4, term);
            }
            Map<String, float[]> after = hostValues(TrainingStep.prefixed(nets, PicnetNetworks.E, PicnetNetworks.G),
                    GENERATOR_PARAMS);
            after.putAll(hostValues(TrainingStep.prefixed(nets, PicnetNetworks.D, PicnetNetworks.D_REC),
                    DISCRIMINATOR_PARAMS));
            for (String name : GENERATOR_PARAMS) {
                assertClose(expected.get(name), after.get(name), before.get(name), gradients.get(name), name);
            }
            for (String name : DISCRIMINATOR_PARAMS) {
                // equal to the D step alone: the generator step left D untouched
                assertClose(afterDiscriminatorStep.get(name), after.get(name), before.get(name), gradients.get(name), name);
            }
            assertEquals(1, step.generatorOptimizer().steps());
            assertEquals(1, step.discriminatorOptimizer().steps());
        }
    }

    /**
     * With its own schedule the discriminators' first Adam step is theirs: about {@code lr * sign(g)}, so the
     * largest move of a D or D_rec parameter is their rate, four times the generator's here (TTUR).
     */
    @Test
    void theDiscriminatorsStepAtTheirOwnRate() {
        ReferenceFixture fixture = FixtureSupport.open();
        try (PicnetNetworks nets = PicnetNetworks.load(fixture.config(), Device.cpu(), fixture.checkpoints(), "fixture");
                NDManager scope = nets.manager().newSubManager();
                TrainingStep step = new TrainingStep(nets, new LearningRateSchedule(LR, 100, 0),
                        new LearningRateSchedule(4 * LR, 100, 0), DiscriminatorAugment.none(), 0, 0)) {
            Map<String, Parameter> gen = TrainingStep.prefixed(nets, PicnetNetworks.E, PicnetNetworks.G);
            Map<String, Parameter> disc = TrainingStep.prefixed(nets, PicnetNetworks.D, PicnetNetworks.D_REC);
            Map<String, float[]> before = hostValues(gen, GENERATOR_PARAMS);
            before.putAll(hostValues(disc, DISCRIMINATOR_PARAMS));
            Inputs in = Inputs.of(fixture, scope);
            StepLosses losses = step.run(0, in.truth, in.mask, in.epsP, in.epsQ);
            assertEquals(LR, losses.learningRate(), "the reported rate is the generator's");
            Map<String, float[]> after = hostValues(gen, GENERATOR_PARAMS);
            after.putAll(hostValues(disc, DISCRIMINATOR_PARAMS));
            for (String name : GENERATOR_PARAMS) {
                assertEquals(LR, largestMove(before.get(name), after.get(name)), 0.01 * LR, name);
            }
            for (String name : DISCRIMINATOR_PARAMS) {
                assertEquals(4 * LR, largestMove(before.get(name), after.get(name)), 0.04 * LR, name);
            }
        }
    }

    private static double largestMove(float[] before, float[] after) {
        double largest = 0;
        for (int i = 0; i < before.length; i++) {
            largest = Math.max(largest, Math.abs((double) after[i] - before[i]));
        }
        return largest;
    }

    /** PyTorch's Adam, first step, betas (0, 0.999), in double on the host. */
    static float[] firstAdamStep(float[] p, float[] g) {
        double beta2 = AdamOptimizer.BETA2;
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            double m = g[i];
            double v = (1 - beta2) * g[i] * g[i];
            double denom = Math.sqrt(v) / Math.sqrt(1 - beta2) + AdamOptimizer.EPS;
            out[i] = (float) (p[i] - LR * m / denom);
        }
        return out;
    }

    /**
     * Where the gradient stands clear of numerical noise (above 1e-3 of the largest, the reference's
     * gradient tolerance), the parameters match to 1e-5 relative and the update (about lr per element)
     * to 1% of lr, so a missing or doubled update cannot hide in the tolerance.
     *
     * <p>Adam's first step is {@code lr * g / (|g| + eps)}, about {@code lr * sign(g)}: below that floor
     * two computations' float noise (CPU gradients are not bit-reproducible run to run) may decide the
     * sign, so there the update need only be a step of at most lr either way.
     */
    private static void assertClose(float[] expected, float[] actual, float[] before, float[] gradient, String name) {
        double scale = 0;
        double largestGradient = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            largestGradient = Math.max(largestGradient, Math.abs(gradient[i]));
        }
        int moved = 0;
        int checked = 0;
        int disagreeing = 0;
        for (int i = 0; i < expected.length; i++) {
            double update = actual[i] - before[i];
            assertTrue(Math.abs(update) <= 1.01 * LR, name + "[" + i + "]: update " + update + " exceeds lr");
            if (Math.abs(gradient[i]) > 1e-3 * largestGradient) {
                checked++;
                boolean same = Math.abs(expected[i] - actual[i]) <= 1e-5 * scale
                        && Math.abs(update - (expected[i] - before[i])) <= 0.01 * LR;
                disagreeing += same ? 0 : 1;
            }
            moved += actual[i] != before[i] ? 1 : 0;
        }
        assertTrue(checked > expected.length / 2, name + ": only " + checked + " elements have clear gradients");
        assertEquals(0, disagreeing, name + ": " + disagreeing + " of " + checked + " updates disagree");
        assertTrue(moved > 0, name + " did not change");
    }

    private static void assertRelative(double expected, double actual, double tolerance, String name) {
        double rel = Math.abs(expected - actual) / Math.abs(expected);
        assertTrue(rel <= tolerance, name + ": " + actual + " vs reference " + expected + " (relative " + rel + ")");
    }

    private static float[] gradient(Parameter p, NDManager scope) {
        NDArray g = p.value().getGradient();
        g.attach(scope);
        return g.toFloatArray();
    }

    private static Map<String, float[]> hostValues(Map<String, Parameter> params, List<String> names) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : names) {
            Parameter p = params.get(name);
            if (p == null) {
                throw new AssertionError("no parameter " + name + " in " + params.keySet().stream().limit(40).toList());
            }
            out.put(name, p.value().toFloatArray());
        }
        return out;
    }

    record Inputs(NDArray truth, NDArray mask, NDArray epsP, NDArray epsQ) {
        static Inputs of(ReferenceFixture f, NDManager scope) {
            return new Inputs(load(f, "img_truth", scope), load(f, "mask", scope), load(f, "train_eps_p", scope),
                    load(f, "train_eps_q", scope));
        }

        private static NDArray load(ReferenceFixture f, String name, NDManager scope) {
            HostTensor t = f.tensor(name);
            return scope.create(t.data(), new Shape(t.shape()));
        }
    }
}
