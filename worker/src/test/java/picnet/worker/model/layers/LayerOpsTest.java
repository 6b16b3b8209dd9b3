package picnet.worker.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ops DJL lacks, against definitions computed by hand in plain Java. */
class LayerOpsTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void transposedConvolutionMatchesTheScatterDefinition() {
        int b = 2, in = 3, out = 5, h = 4, w = 6;
        Random rng = new Random(3);
        float[] x = random(rng, b * in * h * w);
        float[] weight = random(rng, in * out * 9);
        float[] bias = random(rng, out);
        NDArray y = ConvTranspose.stride2(manager.create(x, new Shape(b, in, h, w)),
                manager.create(weight, new Shape(in, out, 3, 3)), manager.create(bias, new Shape(out)));
        assertEquals(new Shape(b, out, 2 * h, 2 * w), y.getShape());
        float[] expected = naiveConvTranspose(x, weight, bias, b, in, out, h, w);
        assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
        NDArray servingForm = ConvTranspose.stride2WithPhaseKernels(manager.create(x, new Shape(b, in, h, w)),
                ConvTranspose.phaseKernels(manager.create(weight, new Shape(in, out, 3, 3))), manager.create(bias, new Shape(out)));
        assertArrayEquals(expected, servingForm.toFloatArray(), 1e-5f);
    }

    @Test
    void transposedConvolutionGradientsMatchTheScatterDefinition() {
        int b = 2, in = 67, out = 32, h = 8, w = 8;
        Random rng = new Random(5);
        float[] x = random(rng, b * in * h * w);
        float[] weight = random(rng, in * out * 9);
        float[] r = random(rng, b * out * 4 * h * w);
        NDArray wt = manager.create(weight, new Shape(in, out, 3, 3));
        NDArray xs = manager.create(x, new Shape(b, in, h, w));
        wt.setRequiresGradient(true);
        xs.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray y = ConvTranspose.stride2(xs, wt, manager.zeros(new Shape(out)));
            gc.backward(y.mul(manager.create(r, y.getShape())).sum());
        }
        // d sum(y * r) / dW[ci, co, ky, kx] = sum over inputs of x[ci, iy, ix] * r[co, 2 iy - 1 + ky, 2 ix - 1 + kx]
        float[] expected = new float[weight.length];
        float[] expectedX = new float[x.length];
        for (int n = 0; n < b; n++)
        for (int ci = 0; ci < in; ci++) {
            for (int co = 0; co < out; co++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        for (int iy = 0; iy < h; iy++) {
                            for (int ix = 0; ix < w; ix++) {
                                int oy = 2 * iy - 1 + ky, ox = 2 * ix - 1 + kx;
                                if (oy >= 0 && oy < 2 * h && ox >= 0 && ox < 2 * w) {
                                    float rv = r[((n * out + co) * 2 * h + oy) * 2 * w + ox];
                                    expected[((ci * out + co) * 3 + ky) * 3 + kx] += x[((n * in + ci) * h + iy) * w + ix] * rv;
                                    expectedX[((n * in + ci) * h + iy) * w + ix] += weight[((ci * out + co) * 3 + ky) * 3 + kx] * rv;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertArrayEquals(expected, wt.getGradient().toFloatArray(), 1e-3f);
        assertArrayEquals(expectedX, xs.getGradient().toFloatArray(), 1e-3f);
    }

    /** y[o] += x[i] * W[k] wherever o = 2 i - 1 + k, cropped to 2H x 2W (stride 2, pad 1, output_padding 1). */
    private static float[] naiveConvTranspose(float[] x, float[] wt, float[] bias, int b, int in, int out, int h, int w) {
        int oh = 2 * h, ow = 2 * w;
        float[] y = new float[b * out * oh * ow];
        for (int n = 0; n < b; n++) {
            for (int co = 0; co < out; co++) {
                for (int i = 0; i < oh * ow; i++) {
                    y[(n * out + co) * oh * ow + i] = bias[co];
                }
                for (int ci = 0; ci < in; ci++) {
                    for (int iy = 0; iy < h; iy++) {
                        for (int ix = 0; ix < w; ix++) {
                            float v = x[((n * in + ci) * h + iy) * w + ix];
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int oy = 2 * iy - 1 + ky, ox = 2 * ix - 1 + kx;
                                    if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                                        y[((n * out + co) * oh + oy) * ow + ox] += v * wt[((ci * out + co) * 3 + ky) * 3 + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    @Test
    void reflectionPadMirrorsWithoutRepeatingTheEdge() {
        NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
        NDArray padded = ReflectionPad.pad1(x);
        assertEquals(new Shape(1, 1, 4, 5), padded.getShape());
        assertArrayEquals(new float[] {
            5, 4, 5, 6, 5,
            2, 1, 2, 3, 2,
            5, 4, 5, 6, 5,
            2, 1, 2, 3, 2}, padded.toFloatArray());
    }

    @Test
    void instanceNormNormalisesEachChannelOfEachSample() {
        NDArray x = manager.create(new float[] {1, 2, 3, 4, 10, 10, 10, 14}, new Shape(2, 1, 2, 2));
        NDArray y = InstanceNorm2d.instanceNorm(x, manager.create(new float[] {2}).reshape(1, 1, 1, 1),
                manager.create(new float[] {1}).reshape(1, 1, 1, 1));
        double s1 = Math.sqrt(1.25 + 1e-5);
        double s2 = Math.sqrt(3 + 1e-5);
        float[] expected = {
            (float) (2 * -1.5 / s1 + 1), (float) (2 * -0.5 / s1 + 1), (float) (2 * 0.5 / s1 + 1), (float) (2 * 1.5 / s1 + 1),
            (float) (2 * -1 / s2 + 1), (float) (2 * -1 / s2 + 1), (float) (2 * -1 / s2 + 1), (float) (2 * 3 / s2 + 1)};
        assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
    }

    @Test
    void bilinearWithAlignedCornersKeepsTheCornersAndInterpolatesBetween() {
        NDArray x = manager.create(new float[] {0, 3, 6, 9}, new Shape(1, 1, 2, 2));
        NDArray y = BilinearResize.alignCorners(x, 3, 3);
        assertArrayEquals(new float[] {0, 1.5f, 3, 3, 4.5f, 6, 6, 7.5f, 9}, y.toFloatArray(), 1e-6f);
        NDArray down = BilinearResize.alignCorners(manager.arange(16f).reshape(1, 1, 4, 4), 2, 2);
        assertArrayEquals(new float[] {0, 3, 12, 15}, down.toFloatArray(), 1e-6f);
    }

    @Test
    void spectralNormDividesByTheLargestSingularValueAfterIterating() {
        // diag(3, 1): sigma converges to 3 from any u with a component along the first axis
        Module holder = new Module() {};
        Parameter w = new Parameter("w", new Shape(2, 2), false);
        Parameter u = new Parameter("u", new Shape(2), false);
        Parameter v = new Parameter("v", new Shape(2), false);
        w.set(manager.create(new float[] {3, 0, 0, 1}, new Shape(2, 2)));
        u.set(manager.create(new float[] {0.6f, 0.8f}));
        v.set(manager.create(new float[] {0.6f, 0.8f}));
        NDArray normalized = null;
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 0; i < 30; i++) {
                normalized = SpectralNorm.normalizedWeight(w, u, v, true, scope);
            }
            assertArrayEquals(new float[] {1, 0, 0, 1 / 3f}, normalized.toFloatArray(), 1e-5f);
        }
        assertArrayEquals(new float[] {1, 0}, u.value().abs().toFloatArray(), 1e-5f);
        assertEquals(0, holder.parameterNames(true).size());
    }

    private static float[] random(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
