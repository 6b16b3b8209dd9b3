package picnet.worker.sampling;

/**
 * Hears about each sample as soon as it exists, as the region it changes, in draw order, before ranking.
 * Called on the sampling thread.
 */
@FunctionalInterface
public interface RegionListener {
    void onSample(CompletedSample sample, int done, int total);
}
