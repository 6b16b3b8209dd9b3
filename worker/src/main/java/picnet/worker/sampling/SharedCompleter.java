package picnet.worker.sampling;

import java.util.List;
import java.util.function.BooleanSupplier;

/** A handle on a sampler that several jobs share: its close() leaves the model loaded. */
public record SharedCompleter(DiverseSampler sampler) implements Completer {
    @Override
    public List<CompletedSample> completeRegions(CompletionRequest request, RegionListener listener,
                                                 BooleanSupplier cancelled) {
        return sampler.completeRegions(request, listener, cancelled);
    }

    @Override
    public int modelSize() {
        return sampler.modelSize();
    }

    @Override
    public void close() {}
}
