package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Computes (or drops) the cached normalised weight of a spectrally normalised layer. */
final class SpectralFreezing {
    private SpectralFreezing() {}

    static NDArray freeze(NDArray previous, SpectralMode mode, Parameter weightBar, Parameter u, Parameter v) {
        if (previous != null) {
            previous.close();
        }
        if (mode != SpectralMode.FROZEN) {
            return null;
        }
        NDManager owner = weightBar.value().getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray w = SpectralNorm.normalizedWeight(weightBar, u, v, false, scope).stopGradient();
            w.attach(owner);
            return w;
        }
    }
}
