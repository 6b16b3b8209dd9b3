package picnet.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.worker.checkpoint.CheckpointException;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.ModelDirectory;
import picnet.worker.checkpoint.Safetensors;

/** Blending two real models: the weighted mean of every weight, unit spectral vectors, D_rec only where all have it. */
class ModelBlendTest {
    static final int SIZE = 96;
    @TempDir
    static Path tmp;
    static Path a;
    static Path b;
    static Map<String, Map<String, HostTensor>> weightsA;
    static Map<String, Map<String, HostTensor>> weightsB;

    @BeforeAll
    static void twoModels() {
        a = tmp.resolve("a");
        b = tmp.resolve("b");
        weightsA = save(PicnetConfig.released(SIZE), 1, a);
        weightsB = save(PicnetConfig.released(SIZE), 2, b);
    }

    static Map<String, Map<String, HostTensor>> save(PicnetConfig config, long seed, Path dir) {
        try (PicnetNetworks nets = PicnetNetworks.random(config, Device.cpu(), seed)) {
            ModelLoader.save(nets, dir, dir.getFileName().toString(), Safetensors.Dtype.F32, Map.of());
            return nets.export(false);
        }
    }

    @Test
    void everyWeightIsTheWeightedMeanAndTheSpectralVectorsAreUnitVectors() {
        Path blend = tmp.resolve("quarter");
        ModelBlend.write(List.of(new ModelBlend.Part(a, 0.25), new ModelBlend.Part(b, 0.75)), blend, "quarter",
                Safetensors.Dtype.F32);
        int spectral = 0;
        int checked = 0;
        try (PicnetNetworks nets = ModelLoader.load(blend, Device.cpu(), SIZE)) {
            for (var net : nets.export(false).entrySet()) {
                for (var e : net.getValue().entrySet()) {
                    String key = net.getKey() + "/" + e.getKey();
                    float[] got = e.getValue().data();
                    if (key.endsWith("weight_u") || key.endsWith("weight_v")) {
                        assertEquals(1.0, norm(got), 1e-4, key);
                        spectral++;
                        continue;
                    }
                    float[] x = weightsA.get(net.getKey()).get(e.getKey()).data();
                    float[] y = weightsB.get(net.getKey()).get(e.getKey()).data();
                    for (int i = 0; i < got.length; i++) {
                        float want = 0.25f * x[i] + 0.75f * y[i];
                        assertEquals(want, got[i], 1e-6f + 1e-6f * Math.abs(want), key + "[" + i + "]");
                    }
                    checked++;
                }
            }
        }
        assertTrue(spectral > 20 && checked > 20, "spectral vectors " + spectral + ", other weights " + checked);
        assertTrue(Files.isRegularFile(blend.resolve(ModelDirectory.fileName(PicnetNetworks.D_REC))),
                "both parts have D_rec, so the blend has one");
    }

    @Test
    void aPartWithoutItsOwnDRecLeavesItOut() throws Exception {
        Path noRec = tmp.resolve("no-rec");
        save(PicnetConfig.released(SIZE), 3, noRec);
        Files.delete(noRec.resolve(ModelDirectory.fileName(PicnetNetworks.D_REC)));
        Path blend = tmp.resolve("without-rec");
        ModelBlend.write(List.of(new ModelBlend.Part(a, 0.5), new ModelBlend.Part(noRec, 0.5)), blend, "b",
                Safetensors.Dtype.F16);
        assertFalse(Files.exists(blend.resolve(ModelDirectory.fileName(PicnetNetworks.D_REC))));
        assertEquals(Safetensors.Dtype.F16, ModelDirectory.read(blend).config().dtype());
    }

    @Test
    void modelsOfAnotherArchitectureAreRefusedByName() {
        PicnetConfig c = PicnetConfig.released(SIZE);
        Path narrow = tmp.resolve("narrow");
        save(new PicnetConfig(c.size(), c.ngf() / 2, c.zNc(), c.imgF(), c.layers(), c.encoderL(), c.outputScale()), 4, narrow);
        CheckpointException e = assertThrows(CheckpointException.class, () -> ModelBlend.write(
                List.of(new ModelBlend.Part(a, 0.5), new ModelBlend.Part(narrow, 0.5)), tmp.resolve("never"), "x",
                Safetensors.Dtype.F32));
        assertTrue(e.getMessage().startsWith(narrow.toString()) && e.getMessage().contains("not the same architecture"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void weightsMustBePositiveAndAddUpToOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelBlend.checkWeights(
                List.of(new ModelBlend.Part(a, 0.5), new ModelBlend.Part(b, 0.4))));
        assertEquals("the weights must add up to 1, they add up to 0.9", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelBlend.checkWeights(
                List.of(new ModelBlend.Part(a, 1.5), new ModelBlend.Part(b, -0.5))));
        assertTrue(e.getMessage().contains("must be in (0, 1], got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelBlend.checkWeights(List.of(new ModelBlend.Part(a, 1))));
        assertEquals("a blend needs at least two models, got 1", e.getMessage());
    }

    private static double norm(float[] x) {
        double s = 0;
        for (float f : x) {
            s += f * f;
        }
        return Math.sqrt(s);
    }
}
