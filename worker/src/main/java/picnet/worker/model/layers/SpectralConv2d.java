package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A spectrally normalised 2-D convolution with bias; keys {@code module.weight_bar},
 * {@code module.weight_u}, {@code module.weight_v}, {@code module.bias} as in the authors' files.
 */
public final class SpectralConv2d extends Module implements Layer {
    private final Parameter bias;
    private final Parameter weightU;
    private final Parameter weightV;
    private final Parameter weightBar;
    private final int padding;
    private SpectralMode mode = SpectralMode.ADVANCE;
    private NDArray frozenWeight;

    public SpectralConv2d(int in, int out, int kernel, int padding) {
        this.padding = padding;
        bias = parameter("module.bias", new Shape(out));
        weightU = buffer("module.weight_u", new Shape(out));
        weightV = buffer("module.weight_v", new Shape((long) in * kernel * kernel));
        weightBar = parameter("module.weight_bar", new Shape(out, in, kernel, kernel));
    }

    public NDArray forward(NDArray x) {
        NDManager scope = x.getManager();
        return Conv2d.conv2d(x, weight(scope), bias.view(scope), new Shape(1, 1),
                        new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    NDArray weight(NDManager scope) {
        if (mode.frozen()) {
            return frozenWeight;
        }
        return SpectralNorm.normalizedWeight(weightBar, weightU, weightV, true, scope);
    }

    @Override
    public void iterateSpectralNorm(int steps) {
        SpectralNorm.iterate(weightBar, weightU, weightV, steps);
    }

    @Override
    public void setSpectralMode(SpectralMode newMode) {
        mode = newMode;
        frozenWeight = SpectralFreezing.freeze(frozenWeight, newMode, weightBar, weightU, weightV);
    }
}
