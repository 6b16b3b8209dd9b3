package picnet.worker.sampling;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs a photo-size request on a sampler that works at the model size: the request's window
 * ({@link CompletionWindow}) becomes a model-size request, and every sample, as it is reported and as it
 * is returned, is pasted back into the photo. Only model-size samples are kept while sampling; each
 * photo-size image exists only while the listener looks at it, and again for the returned top ones.
 */
public final class WindowedCompletion {
    /** Sampling of a request whose image is exactly {@code modelSize x modelSize}. */
    @FunctionalInterface
    public interface ModelSizeSampler {
        List<ScoredSample> sample(CompletionRequest modelRequest, SampleListener listener, BooleanSupplier cancelled);
    }

    private final CompletionRequest request;
    private final CompletionWindow window;

    public WindowedCompletion(CompletionRequest request, int modelSize) {
        this.request = request;
        this.window = CompletionWindow.choose(request.mask(), request.strategy(), modelSize);
    }

    public CompletionWindow window() {
        return window;
    }

    /** The model-size request: the window resized, same samples, top and seed. */
    public CompletionRequest modelRequest() {
        return new CompletionRequest(window.modelImage(request.image()), window.modelMask(request.mask()),
                request.samples(), request.top(), request.seed(), window.applied());
    }

    /** A model-size sample as a photo-size one (same index and score). */
    public ScoredSample toPhoto(ScoredSample modelSample) {
        return new ScoredSample(modelSample.index(), modelSample.score(),
                window.pasteBack(request.image(), request.mask(), modelSample.image()));
    }

    public List<ScoredSample> complete(ModelSizeSampler sampler, SampleListener listener, BooleanSupplier cancelled) {
        List<ScoredSample> best = sampler.sample(modelRequest(),
                (sample, done, total) -> listener.onSample(toPhoto(sample), done, total), cancelled);
        return best.stream().map(this::toPhoto).toList();
    }
}
