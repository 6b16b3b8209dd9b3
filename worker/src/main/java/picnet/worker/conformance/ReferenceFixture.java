package picnet.worker.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picnet.worker.checkpoint.CheckpointException;
import picnet.worker.checkpoint.CheckpointFiles;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.Npy;
import picnet.worker.model.PicnetConfig;

/**
 * A conformance fixture laid out like {@code shared/conformance/picnet-reference}: the authors'
 * checkpoints, the tensors their implementation computed, and {@code manifest.json}.
 */
public record ReferenceFixture(Path dir, JsonNode manifest) {
    public static final String ENV = "PICNET_REFERENCE_DIR";
    static final java.util.Set<String> INPUTS =
            java.util.Set.of("image", "img_m", "img_truth", "mask", "test_eps", "train_eps_p", "train_eps_q");
    public static final Path DEFAULT_DIR = Path.of("../shared/conformance/picnet-reference");

    public static ReferenceFixture open(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new CheckpointException(dir + ": not a reference fixture (no manifest.json)");
        }
        try {
            return new ReferenceFixture(dir, new ObjectMapper().readTree(manifest.toFile()));
        } catch (IOException e) {
            throw new CheckpointException(manifest + ": unreadable manifest: " + e.getMessage());
        }
    }

    /**
     * The fixture named by {@code PICNET_REFERENCE_DIR}, else {@code ../shared/conformance/picnet-reference}
     * beside the repository, looked for from the working directory upwards (tests run in a module folder).
     */
    public static Path locate() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(DEFAULT_DIR).normalize();
            if (Files.isRegularFile(candidate.resolve("manifest.json"))) {
                return candidate;
            }
        }
        return DEFAULT_DIR;
    }

    public PicnetConfig config() {
        JsonNode m = manifest.get("model");
        return new PicnetConfig(manifest.get("size").asInt(), m.get("ngf").asInt(), m.get("z_nc").asInt(),
                m.get("img_f").asInt(), m.get("layers").asInt(), m.get("encoder_L").asInt(),
                m.get("output_scale").asInt());
    }

    public Map<String, Map<String, HostTensor>> checkpoints() {
        return CheckpointFiles.readAuthorsDirectory(dir.resolve("checkpoints"));
    }

    public HostTensor tensor(String name) {
        return Npy.read(dir.resolve("tensors").resolve(name + ".npy"));
    }

    public boolean hasTensor(String name) {
        return Files.isRegularFile(dir.resolve("tensors").resolve(name + ".npy"));
    }

    public double loss(String name) {
        JsonNode v = manifest.get("losses").get(name);
        if (v == null) {
            throw new CheckpointException(dir.resolve("manifest.json") + ": no loss '" + name + "'");
        }
        return v.asDouble();
    }

    /** Tensors the fixture holds as results to compare (everything but the inputs). */
    public List<String> expectedTensors() {
        List<String> names = new ArrayList<>();
        manifest.get("tensors").fieldNames().forEachRemaining(n -> {
            if (!INPUTS.contains(n)) {
                names.add(n);
            }
        });
        return names;
    }

    /** Parameters whose gradients the fixture holds, as "NET.dotted.name". */
    public List<String> gradientParameters() {
        List<String> names = new ArrayList<>();
        JsonNode g = manifest.get("gradients");
        if (g != null) {
            g.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

}
