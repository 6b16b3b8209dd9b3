package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A spectrally normalised {@code ConvTranspose2d(in, out, 3, stride 2, padding 1, output_padding 1)}.
 * Its weight is (in, out, 3, 3), so the power iteration's dim 0 is the input channels.
 */
public final class SpectralConvTranspose2d extends Module implements Layer {
    private final Parameter bias;
    private final Parameter weightU;
    private final Parameter weightV;
    private final Parameter weightBar;
    private SpectralMode mode = SpectralMode.ADVANCE;
    private NDList frozenKernels;

    public SpectralConvTranspose2d(int in, int out) {
        bias = parameter("module.bias", new Shape(out));
        weightU = buffer("module.weight_u", new Shape(in));
        weightV = buffer("module.weight_v", new Shape((long) out * 9));
        weightBar = parameter("module.weight_bar", new Shape(in, out, 3, 3));
    }

    public NDArray forward(NDArray x) {
        NDManager scope = x.getManager();
        if (mode.frozen()) {
            return ConvTranspose.stride2WithPhaseKernels(x, frozenKernels, bias.view(scope));
        }
        return ConvTranspose.stride2(x, SpectralNorm.normalizedWeight(weightBar, weightU, weightV, true, scope),
                bias.view(scope));
    }

    @Override
    public void iterateSpectralNorm(int steps) {
        SpectralNorm.iterate(weightBar, weightU, weightV, steps);
    }

    @Override
    public void setSpectralMode(SpectralMode newMode) {
        mode = newMode;
        if (frozenKernels != null) {
            frozenKernels.close();
            frozenKernels = null;
        }
        if (newMode.frozen()) {
            NDManager owner = weightBar.value().getManager();
            try (NDManager scope = owner.newSubManager()) {
                NDArray weight = SpectralNorm.normalizedWeight(weightBar, weightU, weightV, false, scope).stopGradient();
                frozenKernels = new NDList();
                for (NDArray kernel : ConvTranspose.phaseKernels(weight)) {
                    frozenKernels.add(SpectralFreezing.keep(kernel, newMode, owner));
                }
            }
        }
    }
}
