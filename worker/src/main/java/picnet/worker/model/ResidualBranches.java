package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import picnet.worker.model.layers.InstanceNorm2d;
import picnet.worker.model.layers.Layer;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.SpectralConv2d;

/**
 * The two branches of PICNet's residual blocks: main = [norm] act, conv3x3(in->hidden), [norm] act,
 * {@code conv2}; shortcut = {@code bypass}. Subclasses choose {@code conv2} and {@code bypass} and how
 * the branches join.
 *
 * <p>Keys: {@code conv1}, {@code conv2}, {@code bypass}; aliases {@code model.N} (their index in the
 * authors' main sequence) and {@code shortcut.0}. Instance norms exist only under {@code model.N}.
 *
 * @param <L> the layer type of {@code conv2} and {@code bypass}
 */
abstract class ResidualBranches<L extends Module & Layer> extends Module {
    private final InstanceNorm2d norm1;
    private final InstanceNorm2d norm2;
    private final SpectralConv2d conv1;
    private final L conv2;
    private final L bypass;
    private final float slope;

    ResidualBranches(int in, int hidden, boolean instanceNorm, float slope, L conv2, L bypass) {
        this.slope = slope;
        conv1 = child("conv1", new SpectralConv2d(in, hidden, 3, 1));
        this.conv2 = child("conv2", conv2);
        this.bypass = child("bypass", bypass);
        // main sequence in the authors' order: [norm] act conv1 [norm] act conv2 [pool]
        int step = instanceNorm ? 3 : 2;
        norm1 = instanceNorm ? child("model.0", new InstanceNorm2d(in)) : null;
        alias("model." + (step - 1), "conv1");
        norm2 = instanceNorm ? child("model." + step, new InstanceNorm2d(hidden)) : null;
        alias("model." + (2 * step - 1), "conv2");
        alias("shortcut.0", "bypass");
    }

    final NDArray main(NDArray x) {
        NDArray h = norm1 == null ? x : norm1.forward(x);
        h = conv1.forward(Activation.leakyRelu(h, slope));
        h = norm2 == null ? h : norm2.forward(h);
        return conv2.forward(Activation.leakyRelu(h, slope));
    }

    final NDArray shortcut(NDArray x) {
        return bypass.forward(x);
    }
}
