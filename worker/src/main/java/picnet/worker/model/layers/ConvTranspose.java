package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * PyTorch's {@code ConvTranspose2d(kernel 3, stride 2, padding 1, output_padding 1)}, which DJL 0.25's
 * PyTorch engine lacks, built exactly from convolutions.
 *
 * <p>Output pixel (2m + a, 2n + b) only sees inputs m and m + 1 along each axis: for an even output
 * row the kernel row 1 meets input row m; for an odd one, row 2 meets m and row 0 meets m + 1. So the
 * four output phases are small convolutions of the input, interleaved afterwards (a pixel shuffle).
 *
 * <p>Two forms of the same sum: {@link #stride2} stacks the phases as one 2x2 convolution with
 * 4 x out channels (16 taps per pixel, 7 of them on zeros); training and the reference check
 * differentiate through it. {@link #stride2WithPhaseKernels} runs the four phases with their true
 * 1x1, 1x2, 2x1 and 2x2 kernels (9 taps) for the frozen, forward-only serving networks. (Differentiating
 * through the four-phase kernels gave garbage gradients inside the full network with DJL 0.25 /
 * PyTorch 2.0.1, though not in isolation, so training keeps the fused form.)
 */
public final class ConvTranspose {
    /** Kernel taps along one axis, for input offsets 0 and 1: even phase uses tap 1, odd taps 2 then 0. */
    private static final int[][] TAPS = {{1}, {2, 0}};

    private ConvTranspose() {}

    /**
     * @param x (B, in, H, W)
     * @param weight (in, out, 3, 3), PyTorch's transposed-convolution layout
     * @param bias (out)
     * @return (B, out, 2H, 2W)
     */
    public static NDArray stride2(NDArray x, NDArray weight, NDArray bias) {
        NDArray phases = Conv2d.conv2d(x, fusedKernel(weight), null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                .singletonOrThrow()
                .get(new NDIndex(":, :, 1:, 1:"));
        Shape s = phases.getShape();
        long b = s.get(0);
        long out = s.get(1) / 4;
        return phases.reshape(b, 2, 2, out, s.get(2), s.get(3))
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(b, out, 2 * s.get(2), 2 * s.get(3))
                .add(bias.reshape(1, out, 1, 1));
    }

    /** The (4 * out, in, 2, 2) kernel of the four output phases, ordered (row phase, column phase, out). */
    static NDArray fusedKernel(NDArray weight) {
        NDArray w = weight.transpose(1, 0, 2, 3); // (out, in, 3, 3)
        NDArray[] phases = new NDArray[4];
        int i = 0;
        for (NDArray rows : zeroPaddedTaps(w, 2)) {
            for (NDArray kernel : zeroPaddedTaps(rows, 3)) {
                phases[i++] = kernel;
            }
        }
        return NDArrays.concat(new NDList(phases), 0);
    }

    /** Along {@code axis}, as two taps: the even phase (1, zero) and the odd phase (2, 0). */
    private static NDArray[] zeroPaddedTaps(NDArray w, int axis) {
        NDArray tap0 = taps(w, axis, new int[] {0});
        NDArray even = NDArrays.concat(new NDList(taps(w, axis, new int[] {1}), tap0.zerosLike()), axis);
        NDArray odd = NDArrays.concat(new NDList(taps(w, axis, new int[] {2}), tap0), axis);
        return new NDArray[] {even, odd};
    }

    /**
     * The kernels of the four output phases (row phase, column phase) = (0,0), (0,1), (1,0), (1,1),
     * each (out, in, 1 + a, 1 + b).
     */
    public static NDList phaseKernels(NDArray weight) {
        NDArray w = weight.transpose(1, 0, 2, 3); // (out, in, 3, 3)
        NDList kernels = new NDList(4);
        for (int[] rows : TAPS) {
            NDArray r = taps(w, 2, rows);
            for (int[] cols : TAPS) {
                kernels.add(taps(r, 3, cols));
            }
        }
        return kernels;
    }

    /** {@link #stride2} with the kernels already split by {@link #phaseKernels}. */
    public static NDArray stride2WithPhaseKernels(NDArray x, NDList phaseKernels, NDArray bias) {
        Shape s = x.getShape();
        long b = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray[] rows = new NDArray[2];
        for (int a = 0; a < 2; a++) {
            NDArray[] phases = new NDArray[2];
            for (int c = 0; c < 2; c++) {
                phases[c] = phase(x, phaseKernels.get(2 * a + c), a, c).transpose(0, 2, 3, 1); // (B, H, W, out)
            }
            rows[a] = NDArrays.concat(new NDList(phases), 3); // (B, H, W, 2 * out): column phase, then channel
        }
        long out = phaseKernels.get(0).getShape().get(0);
        return NDArrays.stack(new NDList(rows), 2) // (B, H, 2, W, 2 * out)
                .reshape(b, 2 * h, 2 * w, out)
                .transpose(0, 3, 1, 2)
                .add(bias.reshape(1, out, 1, 1));
    }

    /** One phase: a convolution whose window covers inputs (m, m + 1) along each odd axis. */
    private static NDArray phase(NDArray x, NDArray kernel, int a, int c) {
        NDArray y = Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(a, c), new Shape(1, 1), 1).singletonOrThrow();
        return a == 0 && c == 0 ? y : y.get(new NDIndex(":, :, {}:, {}:", a, c));
    }

    private static NDArray taps(NDArray w, int axis, int[] taps) {
        NDList pieces = new NDList(taps.length);
        for (int k : taps) {
            String range = k + ":" + (k + 1);
            pieces.add(w.get(new NDIndex(axis == 2 ? ":, :, " + range + ", :" : ":, :, :, " + range)));
        }
        return pieces.size() == 1 ? pieces.get(0) : NDArrays.concat(pieces, axis);
    }
}
