package picnet.worker.sampling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Runs a photo-size request on a sampler that works at the model size: the request's window
 * ({@link CompletionWindow}) becomes a model-size request, and every sample is blended back into the
 * photo once, as it is reported. While sampling, only model-size samples are kept, plus the completed
 * regions ({@link CompletedRegion}, the hole's box plus one pixel) of the best {@code top} so far; the
 * returned top samples are those regions, not blended again. No photo-size image is made here: callers
 * that want one paste a region into a copy of the photo ({@link CompletedSample#on}).
 */
public final class WindowedCompletion {
    /**
     * Sampling of a request whose image is exactly {@code modelSize x modelSize}: reports every draw as
     * it is made and returns the {@code top} best, ranked by {@link ModelSample#RANKING}.
     */
    @FunctionalInterface
    public interface ModelSizeSampler {
        List<ModelSample> sample(CompletionRequest modelRequest, Listener listener, BooleanSupplier cancelled);

        /** Hears about each draw as soon as it exists, in draw order. */
        @FunctionalInterface
        interface Listener {
            void onSample(ModelSample sample, int done, int total);
        }
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
        return new CompletionRequest(window.modelImage(request.image(), request.mask()), window.modelMask(request.mask()),
                request.samples(), request.top(), request.seed(), window.applied());
    }

    /** A model-size sample's completed region of the photo. */
    public CompletedRegion complete(ModelSample modelSample) {
        return window.completeRegion(request.image(), request.mask(), modelSample.output());
    }

    /**
     * Samples at the model size and reports each sample's completed region; returns the top ones, whose
     * regions are those reported (kept while they lead), not blended again.
     */
    public List<CompletedSample> complete(ModelSizeSampler sampler, RegionListener listener, BooleanSupplier cancelled) {
        TreeSet<ModelSample> leaders = new TreeSet<>(ModelSample.RANKING);
        Map<Integer, CompletedRegion> leaderRegions = new HashMap<>();
        List<ModelSample> best = sampler.sample(modelRequest(), (sample, done, total) -> {
            CompletedRegion region = complete(sample);
            leaders.add(sample);
            leaderRegions.put(sample.index(), region);
            if (leaders.size() > request.top()) {
                leaderRegions.remove(leaders.pollLast().index());
            }
            listener.onSample(new CompletedSample(sample.index(), sample.score(), region), done, total);
        }, cancelled);
        return best.stream().map(s -> new CompletedSample(s.index(), s.score(),
                leaderRegions.computeIfAbsent(s.index(), i -> complete(s)))).toList();
    }
}
