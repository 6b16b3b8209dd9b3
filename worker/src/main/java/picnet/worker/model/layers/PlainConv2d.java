package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** An ordinary 1x1 convolution with bias (the attention query, the one layer without spectral norm). */
public final class PlainConv2d extends Module implements Layer {
    private final Parameter weight;
    private final Parameter bias;

    public PlainConv2d(int in, int out) {
        weight = parameter("weight", new Shape(out, in, 1, 1));
        bias = parameter("bias", new Shape(out));
    }

    public NDArray forward(NDArray x) {
        NDManager scope = x.getManager();
        return Conv2d.conv2d(x, weight.view(scope), bias.view(scope)).singletonOrThrow();
    }
}
