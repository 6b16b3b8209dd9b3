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

/**
 * The networks' weights averaged over consecutive checkpoints of one run (Polyak averaging, the cheap
 * form of the moving-average generator GANs are usually served with): a GAN's weights swing around
 * what it has learnt, and their mean can serve better than any one of them (the README's "The shipped
 * model" has what it gave here). The optimiser state is dropped. Each spectrally normalised layer's
 * {@code weight_u} and {@code weight_v} are recomputed by power iteration on the averaged weight,
 * because a mean of unit vectors is not one and a served model divides by {@code u . W v} as stored.
 */
public final class CheckpointAverage {
    static final int POWER_ITERATIONS = 20;
    private static final String BAR = "weight_bar";

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
            add(sums, f.tensors(), file, file == files.get(0));
        }
        float scale = 1f / files.size();
        sums.values().forEach(t -> {
            for (int i = 0; i < t.data().length; i++) {
                t.data()[i] *= scale;
            }
        });
        if (files.size() > 1) {
            renormalizeSpectralVectors(sums);
        }
        return TrainingCheckpoint.load(newest, new SafetensorsFile(new LinkedHashMap<>(sums), metadata), device);
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

    private static void add(Map<String, HostTensor> sums, Map<String, HostTensor> tensors, Path file, boolean first) {
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

    /** For every {@code ...weight_bar}: {@code v = normalize(W^T u)}, {@code u = normalize(W v)}, repeated. */
    static void renormalizeSpectralVectors(Map<String, HostTensor> tensors) {
        tensors.forEach((key, w) -> {
            if (!key.endsWith(BAR)) {
                return;
            }
            String prefix = key.substring(0, key.length() - BAR.length());
            HostTensor u = tensors.get(prefix + "weight_u");
            HostTensor v = tensors.get(prefix + "weight_v");
            if (u == null || v == null) {
                return;
            }
            int rows = (int) w.shape()[0];
            int cols = w.data().length / rows;
            for (int it = 0; it < POWER_ITERATIONS; it++) {
                float[] newV = new float[cols];
                for (int r = 0; r < rows; r++) {
                    float ur = u.data()[r];
                    for (int c = 0; c < cols; c++) {
                        newV[c] += w.data()[r * cols + c] * ur;
                    }
                }
                normalize(newV);
                float[] newU = new float[rows];
                for (int r = 0; r < rows; r++) {
                    double dot = 0;
                    for (int c = 0; c < cols; c++) {
                        dot += w.data()[r * cols + c] * newV[c];
                    }
                    newU[r] = (float) dot;
                }
                normalize(newU);
                System.arraycopy(newV, 0, v.data(), 0, cols);
                System.arraycopy(newU, 0, u.data(), 0, rows);
            }
        });
    }

    /** {@code x / (|x| + 1e-12)} in place, as {@link picnet.worker.model.layers.SpectralNorm#normalize}. */
    private static void normalize(float[] x) {
        double sq = 0;
        for (float f : x) {
            sq += (double) f * f;
        }
        float norm = (float) (Math.sqrt(sq) + 1e-12);
        for (int i = 0; i < x.length; i++) {
            x[i] /= norm;
        }
    }
}
