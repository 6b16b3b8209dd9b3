package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for anything that is differentiated. DJL 0.25's Number overloads ({@code x.mul(2)})
 * wrap the number in a tensor over a Java direct buffer and close that wrapper at once; autograd keeps
 * the tensor for backward (a product saves its other factor), and once the garbage collector frees the
 * buffer the gradient reads freed memory. Scalars made here live in PyTorch's own storage.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-d tensor of {@code value} on the device, manager and type of {@code like}. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /** {@code x * value}, safe to differentiate. */
    public static NDArray mul(NDArray x, float value) {
        try (NDArray s = of(x, value)) {
            return x.mul(s);
        }
    }
}
