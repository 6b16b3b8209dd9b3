package picnet.worker.training;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.worker.checkpoint.CheckpointException;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.checkpoint.SafetensorsFile;
import picnet.worker.model.PicnetNetworks;

/**
 * The networks' weights averaged over consecutive checkpoints of one run (Polyak averaging, the cheap
 * form of the moving-average generator GANs are usually served with): a GAN's weights swing around
 * what it has learnt, and their mean can serve better than any one of them (the README's "The shipped
 * model" has what it gave here). The optimiser state is dropped. Each spectrally normalised layer's
 * {@code weight_u} and {@code weight_v} are then advanced by its own power iteration on the averaged
 * weight, because a mean of unit vectors is not one and a served model divides by {@code u . W v} as
 * stored.
 */
public final class CheckpointAverage {
    private CheckpointAverage() {}

    /**
     * The mean of the newest {@code count} checkpoints up to {@code checkpoint} (a checkpoint file, or a
     * run directory for its newest), with the newest one's step and metadata.
     *
     * @throws IllegalArgumentException if the run has fewer than {@code count} checkpoints up to it
     */
    public static TrainingCheckpoint.Loaded open(Path checkpoint, int count, Device device) {
        List<Path> files = window(checkpoint, count);
        Path newest = files.get(files.size() - 1);
        Map<String, String> metadata = null;
        Map<String, HostTensor> sums = new LinkedHashMap<>();
        for (Path file : files) {
            SafetensorsFile f = Safetensors.read(file);
            metadata = f.metadata();
            add(sums, f.tensors(), file);
        }
        float scale = 1f / files.size();
        sums.values().forEach(t -> {
            for (int i = 0; i < t.data().length; i++) {
                t.data()[i] *= scale;
            }
        });
        TrainingCheckpoint.Loaded averaged = TrainingCheckpoint.load(newest,
                new SafetensorsFile(new LinkedHashMap<>(sums), metadata), device);
        if (files.size() > 1) {
            averaged.networks().iterateSpectralNorm(PicnetNetworks.REFIT_POWER_ITERATIONS);
        }
        return averaged;
    }

    /** The steps of the checkpoints {@link #open} averages. */
    public static List<Long> steps(Path checkpoint, int count) {
        return window(checkpoint, count).stream().map(TrainingCheckpoint::stepOf).toList();
    }

    private static List<Path> window(Path checkpoint, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of checkpoints to average must be positive, got " + count);
        }
        if (!Files.exists(checkpoint)) {
            throw new IllegalArgumentException(checkpoint + " does not exist");
        }
        Path runDir = Files.isDirectory(checkpoint) ? checkpoint : checkpoint.toAbsolutePath().getParent().getParent();
        List<Path> all = TrainingCheckpoint.list(runDir);
        long last = Files.isDirectory(checkpoint)
                ? (all.isEmpty() ? -1 : TrainingCheckpoint.stepOf(all.get(all.size() - 1)))
                : TrainingCheckpoint.stepOf(checkpoint);
        List<Path> upTo = all.stream().filter(p -> TrainingCheckpoint.stepOf(p) <= last).toList();
        if (upTo.size() < count) {
            throw new IllegalArgumentException("cannot average " + count + " checkpoints: " + runDir.resolve(TrainingCheckpoint.DIR)
                    + " has " + upTo.size() + (last >= 0 ? " up to step " + last : ""));
        }
        return upTo.subList(upTo.size() - count, upTo.size());
    }

    private static void add(Map<String, HostTensor> sums, Map<String, HostTensor> tensors, Path file) {
        boolean first = sums.isEmpty();
        long nets = tensors.keySet().stream().filter(k -> k.startsWith("net/")).count();
        if (!first && nets != sums.size()) {
            throw new CheckpointException(file + ": holds other networks than the checkpoints it is averaged with");
        }
        tensors.forEach((key, t) -> {
            if (!key.startsWith("net/")) {
                return;
            }
            if (first) {
                sums.put(key, new HostTensor(t.shape(), t.data().clone()));
                return;
            }
            HostTensor sum = sums.get(key);
            if (sum == null || !Arrays.equals(sum.shape(), t.shape())) {
                throw new CheckpointException(file + ": " + key + " " + t.shapeString()
                        + " does not match the checkpoints it is averaged with");
            }
            for (int i = 0; i < t.data().length; i++) {
                sum.data()[i] += t.data()[i];
            }
        });
    }
}
