package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picnet.worker.conformance.ReferenceFixture;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.layers.Parameter;
import picnet.worker.model.layers.SpectralMode;

/**
 * The weights of the generator's transposed convolutions (built from ordinary convolutions, see
 * {@code ConvTranspose}) get the gradient of the whole two-path objective. The authors' fixture holds no
 * gradient of such a weight, and a form of the layer once gave wrong gradients inside the full network
 * while right ones in isolation, so this checks them against central finite differences of
 * {@code total_g} on the fixture, along the gradient's own direction, where the derivative is |g|.
 */
class TransposedConvolutionGradientTest {
    @Test
    void transposedConvolutionWeightsGetTheObjectivesGradient() {
        ReferenceFixture fixture = FixtureSupport.open();
        try (PicnetNetworks nets = PicnetNetworks.load(fixture.config(), Device.cpu(), fixture.checkpoints(), "fixture");
                NDManager scope = nets.manager().newSubManager()) {
            nets.setSpectralMode(SpectralMode.ADVANCE);
            // converged power iterations: the forwards below then move u and v by rounding only
            nets.iterateSpectralNorm(100);
            TrainingStepTest.Inputs in = TrainingStepTest.Inputs.of(fixture, scope);
            List<String> names = List.of("decoder2.conv2.module.weight_bar", "decoder2.bypass.module.weight_bar");
            Map<String, float[]> gradients = new LinkedHashMap<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(totalG(nets, in));
                for (String name : names) {
                    gradients.put(name, generator(nets, name).value().getGradient().toFloatArray());
                }
            }
            JniUtils.setGradMode(false);
            for (String name : names) {
                Parameter p = generator(nets, name);
                float[] g = gradients.get(name);
                double norm = norm(g);
                assertTrue(norm > 0.1, name + ": no gradient reached it (|g| = " + norm + ")");
                float[] w = p.value().toFloatArray();
                double step = 3e-3 * norm(w);
                double up = totalGWith(nets, in, p, w, g, step / norm);
                double down = totalGWith(nets, in, p, w, g, -step / norm);
                set(p, w);
                double directional = (up - down) / (2 * step);
                assertEquals(1.0, directional / norm, 0.02, name + ": finite difference " + directional + ", |g| " + norm);
            }
        }
    }

    private static Parameter generator(PicnetNetworks nets, String name) {
        return nets.parameters(PicnetNetworks.G).get(name);
    }

    private static NDArray totalG(PicnetNetworks nets, TrainingStepTest.Inputs in) {
        TwoPathObjective.Terms t = TwoPathObjective.paths(nets, in.truth(), in.mask(), in.epsP(), in.epsQ());
        return t.totalG(TwoPathObjective.adversarialTerms(nets, t, in.truth()));
    }

    /** total_g with the weight moved to {@code w + scale * g}. */
    private static double totalGWith(PicnetNetworks nets, TrainingStepTest.Inputs in, Parameter p, float[] w, float[] g,
                                     double scale) {
        float[] moved = w.clone();
        for (int i = 0; i < w.length; i++) {
            moved[i] += (float) (scale * g[i]);
        }
        set(p, moved);
        try (NDManager forward = nets.manager().newSubManager()) {
            return totalG(nets, in).getFloat();
        }
    }

    private static void set(Parameter p, float[] values) {
        p.set(p.value().getManager().create(values, p.value().getShape()));
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
