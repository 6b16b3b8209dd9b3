package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
    private static final Map<String, Object> PROVENANCE = Map.of("source", "picnet-reference fixture", "epoch", 10);

    @TempDir
    Path tmp;

    @Test
    void writesAndReadsTheAuthorsWeightsBitExactly() throws IOException {
        Map<String, Map<String, HostTensor>> nets =
                CheckpointFiles.readAuthorsDirectory(ReferenceFiles.dir().resolve("checkpoints"));
        Path dir = tmp.resolve("model");
        ModelConfig cfg = config("reference", Safetensors.Dtype.F32);
        ModelDirectory.write(dir, cfg, nets);

        assertEquals(List.of("D.safetensors", "D_rec.safetensors", "E.safetensors", "G.safetensors", "config.json"),
                list(dir));
        assertEquals(List.of("model"), list(tmp)); // no staging or replaced directories left behind
        Path plain = Files.createDirectory(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir),
                "a model directory is as readable as any directory made here (the umask's), not owner-only");
        Files.delete(plain);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("format", "formatVersion", "name", "size", "ngf", "zNc", "imgF", "layers", "outputScale",
                "dtype", "provenance"), fields);
        assertEquals("picnet-model", json.get("format").asText());
        assertEquals("F32", json.get("dtype").asText());
        assertEquals(128, json.get("zNc").asInt());
        assertEquals("G", Safetensors.read(dir.resolve("G.safetensors")).metadata().get("network"));

        LoadedModelFiles back = ModelDirectory.read(dir);
        assertEquals(cfg, back.config());
        assertEquals(List.of("E", "G", "D", "D_rec"), List.copyOf(back.networks().keySet()));
        nets.forEach((network, state) -> {
            Map<String, HostTensor> read = back.network(network);
            assertEquals(state.keySet(), read.keySet(), network);
            state.forEach((key, t) -> {
                assertArrayEquals(t.shape(), read.get(key).shape(), key);
                assertArrayEquals(t.data(), read.get(key).data(), key); // Float.equals: bit-exact incl. NaN
            });
        });
    }

    @Test
    void f16ModelStoresHalfPrecision() {
        Map<String, Map<String, HostTensor>> nets = syntheticNetworks();
        Path dir = tmp.resolve("half");
        ModelDirectory.write(dir, config("half", Safetensors.Dtype.F16), nets);
        LoadedModelFiles back = ModelDirectory.read(dir);
        assertEquals(Safetensors.Dtype.F16, back.config().dtype());
        float[] original = nets.get("G").get("decoder0.conv1.module.weight_bar").data();
        float[] half = back.network("G").get("decoder0.conv1.module.weight_bar").data();
        for (int i = 0; i < original.length; i++) {
            assertEquals(HalfPrecision.roundToHalf(original[i]), half[i], 0f);
        }
        assertEquals(8 + headerLength(dir.resolve("G.safetensors")) + 2L * 3 * 4 * 3 * 3 + 2,
                dir.resolve("G.safetensors").toFile().length());
    }

    @Test
    void replacesAnExistingModelOnlyWhenTheNewOneIsComplete() throws IOException {
        Path dir = tmp.resolve("model");
        ModelDirectory.write(dir, config("first", Safetensors.Dtype.F32), syntheticNetworks());
        Map<String, Map<String, HostTensor>> broken = syntheticNetworks();
        broken.get("D").put("__metadata__", new HostTensor(new long[] {1}, new float[1])); // fails mid-write
        assertThrows(CheckpointException.class,
                () -> ModelDirectory.write(dir, config("second", Safetensors.Dtype.F32), broken));
        assertEquals("first", ModelDirectory.read(dir).config().name());
        assertEquals(List.of("model"), list(tmp));

        ModelDirectory.write(dir, config("third", Safetensors.Dtype.F16), syntheticNetworks());
        assertEquals("third", ModelDirectory.read(dir).config().name());
        assertEquals(List.of("model"), list(tmp));
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotAModel() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("photos"));
        Files.writeString(dir.resolve("holiday.txt"), "keep me");
        CheckpointException ex = assertThrows(CheckpointException.class,
                () -> ModelDirectory.write(dir, config("x", Safetensors.Dtype.F32), syntheticNetworks()));
        assertTrue(ex.getMessage().contains("not a picnet model directory"), ex.getMessage());
        assertEquals("keep me", Files.readString(dir.resolve("holiday.txt")));
    }

    @Test
    void rejectsPrefixedKeysAndMissingNetworks() {
        Map<String, Map<String, HostTensor>> prefixed = syntheticNetworks();
        prefixed.get("E").put("module.block0.bias", new HostTensor(new long[] {1}, new float[1]));
        Path dir = tmp.resolve("m");
        ModelConfig cfg = config("x", Safetensors.Dtype.F32);
        assertThrows(IllegalArgumentException.class, () -> ModelDirectory.write(dir, cfg, prefixed));
        Map<String, Map<String, HostTensor>> noG = syntheticNetworks();
        noG.remove("G");
        assertThrows(IllegalArgumentException.class, () -> ModelDirectory.write(dir, cfg, noG));
        assertFalse(Files.exists(dir));
    }

    @Test
    void missingFilesAndUnknownVersionsFailNamingTheFile() throws IOException {
        Path dir = tmp.resolve("model");
        ModelDirectory.write(dir, config("x", Safetensors.Dtype.F32), syntheticNetworks());
        Files.delete(dir.resolve("D_rec.safetensors"));
        LoadedModelFiles withoutDRec = ModelDirectory.read(dir); // D_rec is optional
        assertEquals(List.of("E", "G", "D"), List.copyOf(withoutDRec.networks().keySet()));
        CheckpointException ex = assertThrows(CheckpointException.class, () -> withoutDRec.network("D_rec"));
        assertEquals(dir.resolve("D_rec.safetensors") + ": missing", ex.getMessage());

        Files.delete(dir.resolve("G.safetensors"));
        ex = assertThrows(CheckpointException.class, () -> ModelDirectory.read(dir));
        assertEquals(dir.resolve("G.safetensors") + ": missing", ex.getMessage());

        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
        ex = assertThrows(CheckpointException.class, () -> ModelDirectory.read(dir));
        assertEquals(config + ": unknown formatVersion 2 (this reader knows 1)", ex.getMessage());

        Files.writeString(config, "{\"format\":\"picnet-model\",\"formatVersion\":1,\"name\":\"x\",\"dtype\":\"F8\"}");
        ex = assertThrows(CheckpointException.class, () -> ModelDirectory.read(dir));
        assertTrue(ex.getMessage().startsWith(config + ": invalid ("), ex.getMessage());
        assertEquals(1, ex.getMessage().lines().count());

        Files.delete(config);
        ex = assertThrows(CheckpointException.class, () -> ModelDirectory.read(dir));
        assertEquals(config + ": missing (not a picnet model directory)", ex.getMessage());
    }

    private static ModelConfig config(String name, Safetensors.Dtype dtype) {
        return ModelConfig.of(name, 256, 32, 128, 128, 5, 4, dtype, PROVENANCE);
    }

    private static Map<String, Map<String, HostTensor>> syntheticNetworks() {
        Map<String, Map<String, HostTensor>> nets = new LinkedHashMap<>();
        for (String network : ModelDirectory.NETWORKS) {
            Map<String, HostTensor> state = new LinkedHashMap<>();
            float[] w = new float[3 * 4 * 3 * 3];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) Math.sin(i + network.length()) / 7;
            }
            state.put("decoder0.conv1.module.weight_bar", new HostTensor(new long[] {3, 4, 3, 3}, w));
            state.put("attn1.gamma", new HostTensor(new long[] {1}, new float[] {0.3169883f}));
            nets.put(network, state);
        }
        return nets;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long headerLength(Path file) {
        try (var in = Files.newInputStream(file)) {
            return java.nio.ByteBuffer.wrap(in.readNBytes(8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
