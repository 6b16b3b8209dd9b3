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
        if (!mode.frozen()) {
            return null;
        }
        NDManager owner = weightBar.value().getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray w = SpectralNorm.normalizedWeight(weightBar, u, v, false, scope).stopGradient();
            return keep(w, mode, owner);
        }
    }

    /** Attaches a cached tensor to the model's manager, in the mode's memory layout. */
    static NDArray keep(NDArray w, SpectralMode mode, NDManager owner) {
        NDArray kept = mode == SpectralMode.FROZEN_CHANNELS_LAST && w.getShape().dimension() == 4 ? ChannelsLast.of(w) : w;
        kept.attach(owner);
        return kept;
    }
}
