package picnet.worker.training;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.ModelStorage;

/**
 * Turns a training checkpoint into a servable picnet model directory (networks only, no optimiser state),
 * written atomically by {@link picnet.worker.checkpoint.ModelDirectory#write}.
 */
public final class CheckpointExport {
    private CheckpointExport() {}

    /**
     * @param checkpoint a checkpoint file, or a run directory (its newest complete checkpoint)
     * @return the step the exported weights were trained to
     */
    public static long export(Path checkpoint, Path modelDir, String name, ModelStorage storage) {
        return export(checkpoint, modelDir, name, storage, Map.of());
    }

    /** As {@link #export(Path, Path, String, ModelStorage)}, with more provenance entries in config.json. */
    public static long export(Path checkpoint, Path modelDir, String name, ModelStorage storage,
            Map<String, Object> moreProvenance) {
        return save(TrainingCheckpoint.open(checkpoint, Device.cpu()), modelDir, name, storage, moreProvenance);
    }

    /**
     * Exports the mean weights of the newest {@code count} checkpoints up to {@code checkpoint}
     * ({@link CheckpointAverage}); their steps are recorded as {@code averagedSteps}.
     */
    public static long exportAverage(Path checkpoint, int count, Path modelDir, String name, ModelStorage storage) {
        List<Long> steps = CheckpointAverage.steps(checkpoint, count);
        return save(CheckpointAverage.open(checkpoint, count, Device.cpu()), modelDir, name, storage,
                Map.of("averagedSteps", steps));
    }

    private static long save(TrainingCheckpoint.Loaded c, Path modelDir, String name, ModelStorage storage,
            Map<String, Object> moreProvenance) {
        try (var nets = c.networks()) {
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("trainedFrom", c.file().toAbsolutePath().toString());
            provenance.put("steps", c.step());
            provenance.put("seed", c.seed());
            provenance.putAll(moreProvenance);
            ModelLoader.save(nets, modelDir, name, storage, provenance, true);
        }
        return c.step();
    }
}
