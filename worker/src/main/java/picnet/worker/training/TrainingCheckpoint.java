package picnet.worker.training;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.worker.checkpoint.CheckpointException;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.checkpoint.SafetensorsFile;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/**
 * A training checkpoint: one safetensors file {@code checkpoints/step-NNNNNNNNNN.safetensors} (F32,
 * bit-exact) holding every parameter and buffer of E, G, D, D_rec as {@code net/NET/key}, both Adam
 * states as {@code adam/EG/exp_avg/NET/key}, {@code adam/D/exp_avg_sq/NET/key}..., and in its
 * metadata the completed step count, the seed (every random draw of step s is derived from it and s),
 * the architecture and the schedule. Files are written beside their name and moved into place, so a
 * killed run leaves at most a {@code .partial} file, which is ignored and cleaned up.
 */
public final class TrainingCheckpoint {
    public static final String FORMAT = "picnet-training-checkpoint";
    public static final String DIR = "checkpoints";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoint.class);
    private static final Pattern NAME = Pattern.compile("step-(\\d{10})\\.safetensors");

    private TrainingCheckpoint() {}

    /** What a checkpoint restores: the networks (on {@code device}), optimiser state and the metadata. */
    public record Loaded(Path file, long step, Map<String, String> metadata, PicnetNetworks networks,
            Map<String, HostTensor> generatorAdam, Map<String, HostTensor> discriminatorAdam) {
        public long generatorAdamSteps() {
            return Long.parseLong(metadata.get("adamStepsEG"));
        }

        public long discriminatorAdamSteps() {
            return Long.parseLong(metadata.get("adamStepsD"));
        }

        public long seed() {
            return Long.parseLong(metadata.get("seed"));
        }

        public int batch() {
            return Integer.parseInt(metadata.get("batch"));
        }
    }

    public static Path file(Path runDir, long step) {
        return runDir.resolve(DIR).resolve(String.format("step-%010d.safetensors", step));
    }

    /** Writes the checkpoint of {@code step} completed steps and deletes all but the newest {@code keep}. */
    public static Path write(Path runDir, long step, TrainingStep training, TrainingOptions options, int keep) {
        Path file = file(runDir, step);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        training.networks().export(false).forEach((net, state) ->
                state.forEach((key, t) -> tensors.put("net/" + net + "/" + key, t)));
        training.generatorOptimizer().exportState().forEach((k, t) -> tensors.put("adam/EG/" + k, t));
        training.discriminatorOptimizer().exportState().forEach((k, t) -> tensors.put("adam/D/" + k, t));
        PicnetConfig c = training.networks().config();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("formatVersion", "1");
        meta.put("step", Long.toString(step));
        meta.put("seed", Long.toString(options.seed()));
        meta.put("batch", Integer.toString(options.batch()));
        meta.put("size", Integer.toString(c.size()));
        meta.put("ngf", Integer.toString(c.ngf()));
        meta.put("zNc", Integer.toString(c.zNc()));
        meta.put("imgF", Integer.toString(c.imgF()));
        meta.put("layers", Integer.toString(c.layers()));
        meta.put("encoderL", Integer.toString(c.encoderL()));
        meta.put("outputScale", Integer.toString(c.outputScale()));
        meta.put("niter", Long.toString(options.niter()));
        meta.put("niterDecay", Long.toString(options.niterDecay()));
        meta.put("warmup", Long.toString(options.warmup()));
        meta.put("learningRate", Float.toString(options.learningRate()));
        meta.put("discriminatorLearningRate", Float.toString(options.discriminatorLearningRate()));
        meta.put("discriminatorAugment", options.discriminatorAugment().toString());
        meta.put("holeWeight", Float.toString(options.holeWeight()));
        meta.put("holeBestOf", Integer.toString(options.holeBestOf()));
        meta.put("adamStepsEG", Long.toString(training.generatorOptimizer().steps()));
        meta.put("adamStepsD", Long.toString(training.discriminatorOptimizer().steps()));
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        Safetensors.write(file, tensors, meta, Safetensors.Dtype.F32);
        prune(runDir, keep);
        return file;
    }

    /** Complete checkpoints of a run, oldest first (partial files and other names are not listed). */
    public static List<Path> list(Path runDir) {
        Path dir = runDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(TrainingCheckpoint::stepOf)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The newest checkpoint that reads back completely; unreadable newer ones are skipped with a warning. */
    public static Optional<Loaded> latest(Path runDir, Device device) {
        List<Path> all = new ArrayList<>(list(runDir));
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(read(all.get(i), device));
            } catch (CheckpointException | IllegalArgumentException e) { // also malformed metadata numbers
                LOG.warn("ignoring unreadable checkpoint {}: {}", all.get(i), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** A checkpoint file, or the newest of a run directory. */
    public static Loaded open(Path fileOrRunDir, Device device) {
        if (Files.isDirectory(fileOrRunDir)) {
            return latest(fileOrRunDir, device).orElseThrow(() ->
                    new CheckpointException(fileOrRunDir + ": no checkpoint in " + fileOrRunDir.resolve(DIR)));
        }
        return read(fileOrRunDir, device);
    }

    public static Loaded read(Path file, Device device) {
        return load(file, Safetensors.read(file), device);
    }

    /** The checkpoint {@code f}, read from {@code file} (named in errors), with its networks on {@code device}. */
    static Loaded load(Path file, SafetensorsFile f, Device device) {
        Map<String, String> meta = f.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new CheckpointException(file + ": not a picnet training checkpoint");
        }
        Map<String, Map<String, HostTensor>> nets = new LinkedHashMap<>();
        Map<String, HostTensor> adamG = new LinkedHashMap<>();
        Map<String, HostTensor> adamD = new LinkedHashMap<>();
        f.tensors().forEach((key, t) -> {
            if (key.startsWith("net/")) {
                int slash = key.indexOf('/', 4);
                nets.computeIfAbsent(key.substring(4, slash), k -> new LinkedHashMap<>()).put(key.substring(slash + 1), t);
            } else if (key.startsWith("adam/EG/")) {
                adamG.put(key.substring("adam/EG/".length()), t);
            } else if (key.startsWith("adam/D/")) {
                adamD.put(key.substring("adam/D/".length()), t);
            }
        });
        PicnetConfig config = new PicnetConfig(intMeta(meta, "size", file), intMeta(meta, "ngf", file),
                intMeta(meta, "zNc", file), intMeta(meta, "imgF", file), intMeta(meta, "layers", file),
                intMeta(meta, "encoderL", file), intMeta(meta, "outputScale", file));
        PicnetNetworks networks = PicnetNetworks.load(config, device, nets, file.toString());
        return new Loaded(file, Long.parseLong(meta.get("step")), meta, networks, adamG, adamD);
    }

    /**
     * Renames checkpoints newer than {@code step} (the ones {@link #latest} could not read) to
     * {@code NAME.unreadable}, so they neither shadow nor count among the kept ones.
     */
    public static void setAsideNewerThan(Path runDir, long step) {
        for (Path p : list(runDir)) {
            if (stepOf(p) > step) {
                Path aside = p.resolveSibling(p.getFileName() + ".unreadable");
                LOG.warn("setting unreadable checkpoint {} aside as {}", p, aside.getFileName());
                try {
                    Files.move(p, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot move " + p + " aside: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Deletes leftovers of interrupted writes. */
    public static void removePartials(Path runDir) {
        Path dir = runDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                LOG.warn("removing half-written checkpoint {}", p);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean up {}: {}", dir, e.getMessage());
        }
    }

    private static void prune(Path runDir, int keep) {
        List<Path> all = list(runDir);
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                LOG.warn("cannot delete old checkpoint {}: {}", all.get(i), e.getMessage());
            }
        }
    }

    static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " is not a checkpoint name");
        }
        return Long.parseLong(m.group(1));
    }

    private static int intMeta(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) {
            throw new CheckpointException(file + ": metadata has no '" + key + "'");
        }
        return Integer.parseInt(v);
    }
}
