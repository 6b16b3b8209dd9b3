package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * PyTorch's {@code ConvTranspose2d(kernel 3, stride 2, padding 1, output_padding 1)}, which DJL 0.25's
 * PyTorch engine lacks, built exactly from a convolution.
 *
 * <p>Output pixel (2m + a, 2n + b) only sees inputs m and m + 1 along each axis: for an even output
 * row the kernel row 1 meets input row m; for an odd one, row 2 meets m and row 0 meets m + 1. So the
 * four output phases are four 2x2 convolutions of the input, stacked as one convolution with 4 x out
 * channels and interleaved afterwards (a pixel shuffle). This does 16/36 of the multiply-adds of
 * convolving a zero-dilated input, and is the same sum. Gradients flow through all of it.
 */
public final class ConvTranspose {
    private ConvTranspose() {}

    /**
     * @param x (B, in, H, W)
     * @param weight (in, out, 3, 3), PyTorch's transposed-convolution layout
     * @param bias (out)
     * @return (B, out, 2H, 2W)
     */
    public static NDArray stride2(NDArray x, NDArray weight, NDArray bias) {
        return stride2WithPhaseKernel(x, phaseKernel(weight), bias);
    }

    /** {@link #stride2} with the kernel already rearranged by {@link #phaseKernel}. */
    public static NDArray stride2WithPhaseKernel(NDArray x, NDArray phaseKernel, NDArray bias) {
        NDArray phases = Conv2d.conv2d(x, phaseKernel, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                .singletonOrThrow()
                .get(new NDIndex(":, :, 1:, 1:"));
        return interleave(phases, bias);
    }

    /** The (4 * out, in, 2, 2) kernel of the four output phases, ordered (row phase, column phase, out). */
    public static NDArray phaseKernel(NDArray weight) {
        NDArray w = weight.transpose(1, 0, 2, 3); // (out, in, 3, 3)
        NDArray[] phases = new NDArray[4];
        int i = 0;
        for (NDArray rows : oddEvenTaps(w, 2)) {
            for (NDArray kernel : oddEvenTaps(rows, 3)) {
                phases[i++] = kernel;
            }
        }
        return NDArrays.concat(new NDList(phases), 0);
    }

    /** Along {@code axis}: the even phase uses tap 1 then nothing, the odd phase taps 2 then 0. */
    private static NDArray[] oddEvenTaps(NDArray w, int axis) {
        NDArray tap0 = tap(w, axis, 0);
        NDArray even = NDArrays.concat(new NDList(tap(w, axis, 1), tap0.zerosLike()), axis);
        NDArray odd = NDArrays.concat(new NDList(tap(w, axis, 2), tap0), axis);
        return new NDArray[] {even, odd};
    }

    private static NDArray tap(NDArray w, int axis, int k) {
        String range = k + ":" + (k + 1);
        return w.get(new NDIndex(axis == 2 ? ":, :, " + range + ", :" : ":, :, :, " + range));
    }

    /** (B, 4 * out, H, W) phases to (B, out, 2H, 2W), plus bias. */
    static NDArray interleave(NDArray phases, NDArray bias) {
        Shape s = phases.getShape();
        long b = s.get(0);
        long out = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return phases.reshape(b, 2, 2, out, h, w)
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(b, out, 2 * h, 2 * w)
                .add(bias.reshape(1, out, 1, 1));
    }
}
