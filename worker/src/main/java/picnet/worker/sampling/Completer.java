package picnet.worker.sampling;

import java.util.List;
import java.util.function.BooleanSupplier;
import picnet.common.images.RgbImage;

/** Completes images with one loaded model. Blocking: call it from a worker thread, never an event loop. */
public interface Completer extends AutoCloseable {
    /**
     * Draws {@code request.samples()} completions, reports each to the listener as the region of the
     * photo it changes as soon as it is made, and returns the {@code request.top()} best, ranked by score
     * (best first). No photo-size image is made: only hole pixels change, and a region holds them.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true between batches
     */
    List<CompletedSample> completeRegions(CompletionRequest request, RegionListener listener, BooleanSupplier cancelled);

    /**
     * {@link #completeRegions} with photo-size samples: each region pasted into a copy of the photo, for
     * the listener and for the returned top ones.
     */
    default List<ScoredSample> complete(CompletionRequest request, SampleListener listener, BooleanSupplier cancelled) {
        RgbImage photo = request.image();
        return completeRegions(request, (s, done, total) -> listener.onSample(s.on(photo), done, total), cancelled)
                .stream().map(s -> s.on(photo)).toList();
    }

    /** The model size (square side in pixels) that inputs are resized to. */
    int modelSize();

    @Override
    void close();
}
