package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * DJL has no {@code contiguous(memory_format=channels_last)}, but a tensor whose data is laid out as
 * NHWC and viewed as NCHW with {@code transpose(0, 3, 1, 2)} reaches PyTorch with channels-last
 * strides, and oneDNN then runs its NHWC kernels (measured faster on the model: see the README).
 * Every later op keeps that layout.
 */
public final class ChannelsLast {
    private ChannelsLast() {}

    /** The same values as {@code x} (N, C, H, W), stored channels-last; owned by x's manager. */
    public static NDArray of(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 3, 1).flatten().reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }
}
