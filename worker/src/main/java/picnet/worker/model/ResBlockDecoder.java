package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import picnet.worker.model.layers.InstanceNorm2d;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.SpectralConv2d;
import picnet.worker.model.layers.SpectralConvTranspose2d;

/**
 * The up-sampling residual block: main = [norm] act, conv3x3(in->hidden), [norm] act,
 * convT3x3(hidden->out, stride 2); shortcut = convT3x3(in->out, stride 2). Keys {@code conv1},
 * {@code conv2}, {@code bypass} with aliases {@code model.N}, {@code shortcut.0}; norms at
 * {@code model.0} and {@code model.3}.
 */
public final class ResBlockDecoder extends Module {
    private final InstanceNorm2d norm1;
    private final InstanceNorm2d norm2;
    private final SpectralConv2d conv1;
    private final SpectralConvTranspose2d conv2;
    private final SpectralConvTranspose2d bypass;
    private final float slope;

    public ResBlockDecoder(int in, int out, int hidden, boolean instanceNorm, float slope) {
        this.slope = slope;
        conv1 = child("conv1", new SpectralConv2d(in, hidden, 3, 1));
        conv2 = child("conv2", new SpectralConvTranspose2d(hidden, out));
        bypass = child("bypass", new SpectralConvTranspose2d(in, out));
        int step = instanceNorm ? 3 : 2;
        norm1 = instanceNorm ? child("model.0", new InstanceNorm2d(in)) : null;
        alias("model." + (step - 1), "conv1");
        norm2 = instanceNorm ? child("model." + step, new InstanceNorm2d(hidden)) : null;
        alias("model." + (2 * step - 1), "conv2");
        alias("shortcut.0", "bypass");
    }

    public NDArray forward(NDArray x) {
        NDArray h = norm1 == null ? x : norm1.forward(x);
        h = conv1.forward(Activation.leakyRelu(h, slope));
        h = norm2 == null ? h : norm2.forward(h);
        h = conv2.forward(Activation.leakyRelu(h, slope));
        return h.add(bypass.forward(x));
    }
}
