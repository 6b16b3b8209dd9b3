package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import picnet.worker.model.layers.InstanceNorm2d;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.SpectralConv2d;

/**
 * The residual block of PICNet: main = [norm] act, conv3x3(in->hidden), [norm] act,
 * conv3x3(hidden->out); shortcut = conv1x1(in->out); with down-sampling both branches are
 * average-pooled 2x2 before the sum.
 *
 * <p>Keys: {@code conv1}, {@code conv2}, {@code bypass}; aliases {@code model.N} (their index in the
 * authors' main sequence) and {@code shortcut.0}. Instance norms exist only under {@code model.N}.
 */
public final class ResBlock extends Module {
    private final InstanceNorm2d norm1;
    private final InstanceNorm2d norm2;
    private final SpectralConv2d conv1;
    private final SpectralConv2d conv2;
    private final SpectralConv2d bypass;
    private final boolean down;
    private final float slope;

    public ResBlock(int in, int out, int hidden, boolean instanceNorm, boolean down, float slope) {
        this.down = down;
        this.slope = slope;
        conv1 = child("conv1", new SpectralConv2d(in, hidden, 3, 1));
        conv2 = child("conv2", new SpectralConv2d(hidden, out, 3, 1));
        bypass = child("bypass", new SpectralConv2d(in, out, 1, 0));
        // main sequence in the authors' order: [norm] act conv1 [norm] act conv2 [pool]
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
        NDArray s = bypass.forward(x);
        if (down) {
            return avgPool2(h).add(avgPool2(s));
        }
        return h.add(s);
    }

    static NDArray avgPool2(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }
}
