package picnet.worker.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * picnet's own model format: a directory with {@code config.json} ({@link ModelConfig}) and one
 * safetensors file per network, {@code E.safetensors}, {@code G.safetensors}, {@code D.safetensors} and
 * optionally {@code D_rec.safetensors}. Keys are the authors' state-dict keys without {@code module.},
 * so a Python user can {@code net.load_state_dict(safetensors.torch.load_file("G.safetensors"))}.
 */
public final class ModelDirectory {
    public static final String CONFIG_FILE = "config.json";
    public static final List<String> REQUIRED_NETWORKS = List.of("E", "G", "D");
    public static final List<String> NETWORKS = List.of("E", "G", "D", "D_rec");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // newer writers may add fields

    private ModelDirectory() {
    }

    public static String fileName(String network) {
        return network + ".safetensors";
    }

    /**
     * Writes a complete model directory at {@code dir}. Everything is written into a hidden sibling
     * directory first and then moved into place, so {@code dir} never holds a half-written model; an
     * existing model at {@code dir} is replaced only once the new one is complete.
     *
     * @throws IllegalArgumentException if a network is missing or unknown, or a key still has {@code module.}
     * @throws CheckpointException on an I/O failure or if {@code dir} exists but is not a model directory
     */
    public static void write(Path dir, ModelConfig cfg, Map<String, Map<String, HostTensor>> networks) {
        cfg.validate("model config");
        checkNetworks(networks);
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        if (Files.exists(target) && !isReplaceable(target)) {
            throw new CheckpointException(dir + ": exists and is not a picnet model directory; not replacing it");
        }
        Path staging = null;
        try {
            Files.createDirectories(parent);
            // not createTempDirectory: its owner-only mode would go with the directory into place
            staging = Files.createDirectory(parent.resolve("." + name + ".writing-" + UUID.randomUUID()));
            Files.write(staging.resolve(CONFIG_FILE), JSON.writeValueAsBytes(cfg));
            for (String network : NETWORKS) {
                if (networks.containsKey(network)) {
                    Map<String, String> metadata = Map.of("format", "pt", "network", network, "model", cfg.name());
                    Safetensors.write(staging.resolve(fileName(network)), networks.get(network), metadata, cfg.dtype());
                }
            }
            swapIntoPlace(staging, target, parent, name);
            staging = null;
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot write model (" + TorchCheckpoint.oneLine(e) + ")", e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    /**
     * Reads config.json and every network file; tensors come back as float32 whatever the stored dtype.
     *
     * @throws CheckpointException naming the file, if config.json or E/G/D is missing, the config is invalid
     *     or of an unknown formatVersion, or a safetensors file is malformed
     */
    public static LoadedModelFiles read(Path dir) {
        Path configFile = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException(configFile + ": missing (not a picnet model directory)");
        }
        ModelConfig config;
        try {
            JsonNode json = JSON.readTree(configFile.toFile());
            if (json == null || !json.isObject()) {
                throw new CheckpointException(configFile + ": not a JSON object");
            }
            if (!ModelConfig.FORMAT.equals(json.path("format").asText(null))) {
                throw new CheckpointException(configFile + ": not a picnet model config (format is "
                        + json.path("format") + ", expected \"" + ModelConfig.FORMAT + "\")");
            }
            if (json.path("formatVersion").asInt(-1) != ModelConfig.FORMAT_VERSION) {
                throw new CheckpointException(configFile + ": unknown formatVersion " + json.path("formatVersion")
                        + " (this reader knows " + ModelConfig.FORMAT_VERSION + ")");
            }
            config = JSON.treeToValue(json, ModelConfig.class);
        } catch (JsonProcessingException e) {
            String reason = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ");
            throw new CheckpointException(configFile + ": invalid (" + reason + ")", e);
        } catch (IOException e) {
            throw new CheckpointException(configFile + ": cannot read (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
        config.validate(configFile.toString());
        Map<String, Map<String, HostTensor>> networks = new LinkedHashMap<>();
        for (String network : NETWORKS) {
            Path file = dir.resolve(fileName(network));
            if (Files.isRegularFile(file)) {
                networks.put(network, Safetensors.read(file).tensors());
            } else if (REQUIRED_NETWORKS.contains(network)) {
                throw new CheckpointException(file + ": missing");
            }
        }
        return new LoadedModelFiles(dir, config, networks);
    }

    private static void checkNetworks(Map<String, Map<String, HostTensor>> networks) {
        for (String network : networks.keySet()) {
            if (!NETWORKS.contains(network)) {
                throw new IllegalArgumentException("unknown network '" + network + "' (expected one of " + NETWORKS + ")");
            }
            for (String key : networks.get(network).keySet()) {
                if (key.startsWith("module.")) {
                    throw new IllegalArgumentException("network " + network + ": key '" + key
                            + "' still has the module. prefix; strip it first");
                }
            }
        }
        for (String network : REQUIRED_NETWORKS) {
            if (!networks.containsKey(network)) {
                throw new IllegalArgumentException("network " + network + " is required");
            }
        }
    }

    /** An existing target may be replaced only if it is an empty directory or holds a config.json. */
    private static boolean isReplaceable(Path target) {
        if (!Files.isDirectory(target)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(target)) {
            return Files.isRegularFile(target.resolve(CONFIG_FILE)) || entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void swapIntoPlace(Path staging, Path target, Path parent, String name) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(parent, "." + name + ".replaced-");
        Files.delete(old); // only the unique name is wanted; the move recreates it
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the previous model back
            throw e;
        }
        deleteQuietly(old);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftovers are hidden siblings; nothing reads them
        }
    }
}
