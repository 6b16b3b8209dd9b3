package picnet.worker.model.layers;

/** How spectrally normalised layers obtain their weight on each forward. */
public enum SpectralMode {
    /**
     * As the reference: every forward advances the power iteration one step (updating
     * {@code weight_u} and {@code weight_v} in place) and divides by the new sigma. Training and
     * {@code reference-check} use this.
     */
    ADVANCE,
    /**
     * For serving: the normalised weight is computed once from the stored vectors (which have long
     * converged in a trained model) and reused, so forwards are read-only and thread-safe.
     */
    FROZEN,
    /** {@link #FROZEN}, with the cached weights stored channels-last for NHWC kernels. */
    FROZEN_CHANNELS_LAST;

    public boolean frozen() {
        return this != ADVANCE;
    }
}
