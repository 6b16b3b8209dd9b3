package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import picnet.worker.conformance.ReferenceFixture;
import picnet.worker.model.PicnetNetworks;

/**
 * {@code hole_g} on the shared fixture equals the generative path's hole L1 computed on the host from the
 * objective's own outputs, and weighting it changes {@code total_g} by exactly that much: at weight 0 the
 * objective is the authors' (the one {@code ReferenceCheck} compares with their tensors).
 */
class HoleTermTest {
    @Test
    void holeTermIsTheGenerativePathsL1InsideTheHoleSummedOverScales() {
        ReferenceFixture fixture = FixtureSupport.open();
        try (PicnetNetworks nets = PicnetNetworks.load(fixture.config(), Device.cpu(), fixture.checkpoints(), "fixture");
                NDManager scope = nets.manager().newSubManager()) {
            JniUtils.setGradMode(false);
            TrainingStepTest.Inputs in = TrainingStepTest.Inputs.of(fixture, scope);
            TwoPathObjective.Terms terms = TwoPathObjective.paths(nets, in.truth(), in.mask(), in.epsP(), in.epsQ());
            double expected = 0;
            for (int s = 0; s < terms.generations().size(); s++) {
                float[] g = terms.generations().get(s).toFloatArray();
                float[] t = terms.scaleImages().get(s).toFloatArray();
                float[] known = terms.scaleMasks().get(s).toFloatArray();
                double sum = 0;
                for (int i = 0; i < g.length; i++) {
                    double hole = 1 - known[i];
                    sum += Math.abs(g[i] * hole - t[i] * hole);
                }
                expected += sum / g.length;
            }
            assertTrue(expected > 0.01, "the fixture's mask has a hole the generation misses: " + expected);
            assertEquals(expected, terms.holeL1().getFloat(), 1e-5 * expected);
            assertEquals(0f, terms.holeG(0).getFloat());

            TwoPathObjective.Adversarial adversarial = TwoPathObjective.adversarialTerms(nets, terms, in.truth());
            NDArray authors = terms.totalG(adversarial);
            assertArrayEquals(authors.toFloatArray(), terms.totalG(adversarial, 0).toFloatArray());
            float weighted = terms.totalG(adversarial, 3).getFloat();
            assertEquals(authors.getFloat() + 3 * expected, weighted, 1e-5 * weighted);
        }
    }
}
