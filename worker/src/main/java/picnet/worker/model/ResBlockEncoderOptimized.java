package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.SpectralConv2d;

/**
 * The first block of the encoder and discriminators: main = conv3x3(in->out), act, conv3x3(out->out),
 * avgpool2; shortcut = avgpool2, conv1x1(in->out). Keys {@code conv1}/{@code model.0},
 * {@code conv2}/{@code model.2}, {@code bypass}/{@code shortcut.1}.
 */
public final class ResBlockEncoderOptimized extends Module {
    private final SpectralConv2d conv1;
    private final SpectralConv2d conv2;
    private final SpectralConv2d bypass;
    private final float slope;

    public ResBlockEncoderOptimized(int in, int out, float slope) {
        this.slope = slope;
        conv1 = child("conv1", new SpectralConv2d(in, out, 3, 1));
        conv2 = child("conv2", new SpectralConv2d(out, out, 3, 1));
        bypass = child("bypass", new SpectralConv2d(in, out, 1, 0));
        alias("model.0", "conv1");
        alias("model.2", "conv2");
        alias("shortcut.1", "bypass");
    }

    public NDArray forward(NDArray x) {
        NDArray h = ResBlock.avgPool2(conv2.forward(Activation.leakyRelu(conv1.forward(x), slope)));
        return h.add(bypass.forward(ResBlock.avgPool2(x)));
    }
}
