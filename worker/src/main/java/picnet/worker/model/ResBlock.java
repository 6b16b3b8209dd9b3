package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import picnet.worker.model.layers.SpectralConv2d;

/**
 * The residual block of PICNet: main = [norm] act, conv3x3(in->hidden), [norm] act,
 * conv3x3(hidden->out); shortcut = conv1x1(in->out); with down-sampling both branches are
 * average-pooled 2x2 before the sum. Keys as in {@link ResidualBranches}.
 */
public final class ResBlock extends ResidualBranches<SpectralConv2d> {
    private final boolean down;

    public ResBlock(int in, int out, int hidden, boolean instanceNorm, boolean down, float slope) {
        super(in, hidden, instanceNorm, slope, new SpectralConv2d(hidden, out, 3, 1), new SpectralConv2d(in, out, 1, 0));
        this.down = down;
    }

    public NDArray forward(NDArray x) {
        NDArray h = main(x);
        NDArray s = shortcut(x);
        if (down) {
            return avgPool2(h).add(avgPool2(s));
        }
        return h.add(s);
    }

    static NDArray avgPool2(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }
}
