package picnet.worker.model;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.worker.checkpoint.CheckpointException;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.ModelDirectory;
import picnet.worker.checkpoint.Safetensors;

/**
 * The weighted mean of several models' weights, written as a new model: network interpolation between
 * a model and a fine-tune of it (ESRGAN's way to trade one quality for another), or a "model soup" of
 * fine-tunes from one start. It only makes sense for models that share an ancestor; the weights of
 * unrelated models do not average into a working model. As in {@code CheckpointAverage}, each
 * spectrally normalised layer's u and v are refitted to the mean weight by power iteration.
 */
public final class ModelBlend {
    /** One model and its share of the blend. */
    public record Part(Path model, double weight) {}

    /** The image size of the authors' released checkpoints, which do not record it. */
    private static final int AUTHORS_SIZE = 256;

    private ModelBlend() {}

    /**
     * Writes the blend of {@code parts} (weights above 0 that add up to 1) to {@code to}, with the first
     * model's architecture and size. D_rec is written only if every part has its own.
     *
     * @throws IllegalArgumentException for fewer than two parts or bad weights
     * @throws CheckpointException naming the model and key where the architectures differ
     */
    public static void write(List<Part> parts, Path to, String name, Safetensors.Dtype dtype) {
        checkWeights(parts);
        Map<String, Map<String, HostTensor>> sums = new LinkedHashMap<>();
        PicnetConfig config = null;
        boolean everyPartHasRec = true;
        for (Part part : parts) {
            try (PicnetNetworks nets = ModelLoader.load(part.model(), Device.cpu(), AUTHORS_SIZE)) {
                config = config == null ? nets.config() : config;
                addScaled(sums, nets.export(false), (float) part.weight(), part.model());
            }
            everyPartHasRec &= Files.isRegularFile(part.model().resolve(ModelDirectory.fileName(PicnetNetworks.D_REC)));
        }
        try (PicnetNetworks blend = PicnetNetworks.load(config, Device.cpu(), sums, "the blend")) {
            blend.iterateSpectralNorm(PicnetNetworks.REFIT_POWER_ITERATIONS);
            List<Map<String, Object>> recipe = new ArrayList<>();
            parts.forEach(p -> recipe.add(Map.of("model", p.model().toAbsolutePath().toString(), "weight", p.weight())));
            ModelLoader.save(blend, to, name, ModelStorage.of(dtype), Map.of("blendOf", recipe), everyPartHasRec);
        }
    }

    static void checkWeights(List<Part> parts) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a blend needs at least two models, got " + parts.size());
        }
        double sum = 0;
        for (Part p : parts) {
            if (!(p.weight() > 0 && p.weight() <= 1)) {
                throw new IllegalArgumentException("the weight of " + p.model() + " must be in (0, 1], got " + p.weight());
            }
            sum += p.weight();
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("the weights must add up to 1, they add up to " + (float) sum);
        }
    }

    private static void addScaled(Map<String, Map<String, HostTensor>> sums, Map<String, Map<String, HostTensor>> model,
            float weight, Path source) {
        boolean first = sums.isEmpty();
        model.forEach((network, state) -> {
            Map<String, HostTensor> sum = sums.computeIfAbsent(network, n -> new LinkedHashMap<>());
            state.forEach((key, t) -> {
                HostTensor s = sum.get(key);
                if (first) {
                    s = new HostTensor(t.shape(), new float[t.data().length]);
                    sum.put(key, s);
                } else if (s == null || !Arrays.equals(s.shape(), t.shape())) {
                    throw new CheckpointException(source + ": network " + network + " key '" + key + "' has shape "
                            + t.shapeString() + ", unlike the first model's: not the same architecture");
                }
                float[] into = s.data();
                float[] from = t.data();
                for (int i = 0; i < from.length; i++) {
                    into[i] += weight * from[i];
                }
            });
        });
    }
}
