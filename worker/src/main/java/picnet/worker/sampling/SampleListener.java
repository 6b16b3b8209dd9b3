package picnet.worker.sampling;

/** Hears about each sample as soon as it exists, in draw order, before ranking. Called on the sampling thread. */
public interface SampleListener {
    void onSample(ScoredSample sample, int done, int total);

    SampleListener NONE = (sample, done, total) -> {};
}
