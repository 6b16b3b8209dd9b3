package picnet.worker.sampling;

import java.util.List;
import java.util.function.BooleanSupplier;

/** Completes images with one loaded model. Blocking: call it from a worker thread, never an event loop. */
public interface Completer extends AutoCloseable {
    /**
     * Draws {@code request.samples()} completions, reports each to the listener as it is made, and
     * returns the {@code request.top()} best, ranked by score (best first).
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true between batches
     */
    List<ScoredSample> complete(CompletionRequest request, SampleListener listener, BooleanSupplier cancelled);

    /** The model size (square side in pixels) that inputs are resized to. */
    int modelSize();

    @Override
    void close();
}
