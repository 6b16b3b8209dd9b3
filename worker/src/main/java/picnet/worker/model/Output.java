package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.ReflectionPad;
import picnet.worker.model.layers.SpectralConv2d;

/** An image head: act, reflection pad 1, conv3x3(in->3, no padding), tanh. Key {@code conv1}/{@code model.2}. */
public final class Output extends Module {
    private final SpectralConv2d conv1;
    private final float slope;

    public Output(int in, float slope) {
        this.slope = slope;
        conv1 = child("conv1", new SpectralConv2d(in, 3, 3, 0));
        alias("model.2", "conv1");
    }

    public NDArray forward(NDArray x) {
        return conv1.forward(ReflectionPad.pad1(Activation.leakyRelu(x, slope))).tanh();
    }
}
