package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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

    /**
     * With two prior samples per image, {@code hole_g} is the batch mean of each image's smaller hole L1
     * (summed over scales), recomputed on the host from the objective's own generations; the second
     * sample's noise is the first's negated, so the two differ.
     */
    @Test
    void holeTermWithTwoSamplesTakesEachImagesCloserOne() {
        ReferenceFixture fixture = FixtureSupport.open();
        try (PicnetNetworks nets = PicnetNetworks.load(fixture.config(), Device.cpu(), fixture.checkpoints(), "fixture");
                NDManager scope = nets.manager().newSubManager()) {
            JniUtils.setGradMode(false);
            TrainingStepTest.Inputs in = TrainingStepTest.Inputs.of(fixture, scope);
            NDArray twoSamples = NDArrays.concat(new NDList(in.epsQ(), in.epsQ().neg()), 0);
            TwoPathObjective.Terms terms = TwoPathObjective.paths(nets, in.truth(), in.mask(), in.epsP(), twoSamples);
            int b = (int) in.truth().getShape().get(0);
            double[][] perSample = new double[2][b];
            for (int s = 0; s < terms.generations().size(); s++) {
                float[] g = terms.generations().get(s).toFloatArray();
                float[] t = terms.scaleImages().get(s).toFloatArray();
                float[] known = terms.scaleMasks().get(s).toFloatArray();
                assertEquals(2 * t.length, g.length, "two generations per image");
                int perImage = t.length / b;
                for (int k = 0; k < 2; k++) {
                    for (int image = 0; image < b; image++) {
                        double sum = 0;
                        for (int i = image * perImage; i < (image + 1) * perImage; i++) {
                            double hole = 1 - known[i];
                            sum += Math.abs(g[k * t.length + i] * hole - t[i] * hole);
                        }
                        perSample[k][image] += sum / perImage;
                    }
                }
            }
            double expected = 0;
            double firstOnly = 0;
            for (int image = 0; image < b; image++) {
                assertTrue(perSample[0][image] != perSample[1][image], "the two samples differ in the hole");
                expected += Math.min(perSample[0][image], perSample[1][image]) / b;
                firstOnly += perSample[0][image] / b;
            }
            assertEquals(expected, terms.holeL1().getFloat(), 1e-5 * expected);
            assertEquals(firstOnly, TwoPathObjective.paths(nets, in.truth(), in.mask(), in.epsP(), in.epsQ())
                    .holeL1().getFloat(), 1e-4 * firstOnly, "one sample per image is the plain hole L1");
        }
    }
}
