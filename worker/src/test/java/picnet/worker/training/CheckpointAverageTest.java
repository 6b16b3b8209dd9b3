package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.masks.MaskKind;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.data.ImageSources;
import picnet.worker.data.MaskSource;
import picnet.worker.data.SkippedFiles;
import picnet.worker.data.TrainingDataset;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.ModelStorage;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.layers.SpectralConv2d;

/** Averaging three real checkpoints of a short run: the mean of every weight, unit spectral vectors. */
class CheckpointAverageTest {
    static final int SIZE = 96;
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void threeCheckpoints() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticImages.write(data, 3, SIZE, 7);
        TrainingOptions o = TrainingOptions.builder().optSize(SIZE).optBatch(1).optSteps(3).optCheckpointEvery(1)
                .optKeep(5).optPreviewEvery(0).optSeed(3).build();
        TrainingDataset d = new TrainingDataset(ImageSources.list(data), SIZE,
                MaskSource.of(List.of(MaskKind.REGULAR)), o.seed(), new SkippedFiles());
        run = tmp.resolve("run");
        new Trainer(o, d, run, Device.cpu(), TrainingListener.NONE).run(false, null, () -> false);
    }

    @Test
    void everyWeightIsTheMeanOfTheCheckpointsAndTheSpectralVectorsAreUnitVectors() {
        Map<String, HostTensor> one = Safetensors.read(TrainingCheckpoint.file(run, 2)).tensors();
        Map<String, HostTensor> two = Safetensors.read(TrainingCheckpoint.file(run, 3)).tensors();
        Path model = tmp.resolve("mean-of-2-3");
        assertEquals(3, CheckpointExport.exportAverage(run, 2, model, "mean", ModelStorage.of(Safetensors.Dtype.F32)));
        assertEquals(List.of(2L, 3L), CheckpointAverage.steps(run, 2));
        int spectral = 0;
        try (PicnetNetworks nets = ModelLoader.load(model, Device.cpu(), SIZE)) {
            for (var net : nets.export(false).entrySet()) {
                for (var e : net.getValue().entrySet()) {
                    String key = "net/" + net.getKey() + "/" + e.getKey();
                    float[] got = e.getValue().data();
                    if (key.endsWith("weight_u") || key.endsWith("weight_v")) {
                        assertEquals(1.0, norm(got), 1e-4, key);
                        spectral++;
                        continue;
                    }
                    float[] a = one.get(key).data();
                    float[] b = two.get(key).data();
                    for (int i = 0; i < got.length; i++) {
                        assertEquals((a[i] + b[i]) / 2, got[i], 1e-6f + 1e-6f * Math.abs(got[i]), key + "[" + i + "]");
                    }
                }
            }
        }
        assertTrue(spectral > 20, "spectral layers checked: " + spectral);
    }

    @Test
    void itsPowerIterationsFindTheLargestSingularValue() {
        // W = [[0, 3, 0], [1, 0, 0]] as a 1x1 convolution: from a skewed start u, sigma = u . W v must approach 3.
        Map<String, float[]> values = Map.of("module.weight_bar", new float[] {0, 3, 0, 1, 0, 0},
                "module.weight_u", new float[] {0.3f, 0.9f}, "module.weight_v", new float[3],
                "module.bias", new float[2]);
        SpectralConv2d layer = new SpectralConv2d(3, 2, 1, 0);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            layer.forEachParameter((name, p) -> p.set(manager.create(values.get(name), p.shape())));
            layer.iterateSpectralNorm(PicnetNetworks.REFIT_POWER_ITERATIONS);
            Map<String, float[]> after = new java.util.HashMap<>();
            layer.forEachParameter((name, p) -> after.put(name, p.value().toFloatArray()));
            assertArrayEquals(new float[] {1, 0}, after.get("module.weight_u"), 1e-4f);
            assertArrayEquals(new float[] {0, 1, 0}, after.get("module.weight_v"), 1e-4f);
        }
    }

    @Test
    void averagingMoreCheckpointsThanTheRunKeptIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAverage.open(TrainingCheckpoint.file(run, 2), 3, Device.cpu()));
        assertTrue(e.getMessage().contains("cannot average 3 checkpoints") && e.getMessage().contains("has 2 up to step 2"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CheckpointAverage.steps(run, 0));
    }

    private static double norm(float[] x) {
        double s = 0;
        for (float f : x) {
            s += f * f;
        }
        return Math.sqrt(s);
    }
}
