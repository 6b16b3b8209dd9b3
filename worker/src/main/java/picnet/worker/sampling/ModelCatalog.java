package picnet.worker.sampling;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import picnet.worker.jobs.CompleterProvider;
import picnet.worker.model.ModelLoader;

/**
 * The models a worker serves: every sub-directory of a models directory that holds a picnet model
 * ({@code config.json}), named by its directory. The directory is listed again on every call, so a model
 * written there while the worker runs (a finished training's export) is served from then on. Each model
 * is loaded once, on first use, and shared by all jobs (sampling forwards are read-only); {@link Completer#close()} of what {@link #open} returns
 * does not unload it, {@link #close()} does.
 */
public final class ModelCatalog implements CompleterProvider, AutoCloseable {
    private final Path modelsDir;
    private final Device device;
    private final int batchSize;
    private final String defaultModel;
    private final Map<String, DiverseSampler> loaded = new ConcurrentHashMap<>();

    public ModelCatalog(Path modelsDir, Device device, int batchSize, String preferredDefault) {
        this.modelsDir = modelsDir;
        this.device = device;
        this.batchSize = batchSize;
        List<String> names = modelNames();
        if (names.isEmpty()) {
            throw new IllegalArgumentException(modelsDir + ": no models (expected sub-directories with config.json)");
        }
        this.defaultModel = preferredDefault != null && names.contains(preferredDefault) ? preferredDefault : names.get(0);
    }

    @Override
    public List<String> modelNames() {
        if (!Files.isDirectory(modelsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(modelsDir)) {
            List<String> names = new ArrayList<>();
            // hidden names are models being written (a training's export): not servable yet
            dirs.filter(p -> !p.getFileName().toString().startsWith(".")).filter(ModelLoader::isModelDirectory)
                    .map(p -> p.getFileName().toString()).sorted().forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String defaultModel() {
        return defaultModel;
    }

    @Override
    public Completer open(String modelName) {
        if (!modelNames().contains(modelName)) {
            throw new IllegalArgumentException("unknown model '" + modelName + "'; available: " + modelNames());
        }
        DiverseSampler sampler = loaded.computeIfAbsent(modelName, n -> new DiverseSampler(
                ModelLoader.load(modelsDir.resolve(n), device, 256), batchSize));
        return new SharedCompleter(sampler);
    }

    @Override
    public void close() {
        loaded.values().forEach(DiverseSampler::close);
        loaded.clear();
    }
}
