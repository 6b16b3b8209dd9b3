package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/** A run at one image size starts from a model trained at another: same weights, the run's size. */
class TrainerInitTest {
    @TempDir
    Path tmp;

    @Test
    void aRunAt96StartsFromA128ModelWithItsWeights() throws Exception {
        Path model = tmp.resolve("m128");
        Map<String, Map<String, HostTensor>> weights;
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(128), Device.cpu(), 4)) {
            ModelLoader.save(nets, model, "m128", Safetensors.Dtype.F32, Map.of());
            weights = nets.export(false);
        }
        try (PicnetNetworks at96 = ModelLoader.loadAtSize(model, Device.cpu(), 96)) {
            assertEquals(96, at96.config().size());
            at96.export(false).forEach((net, state) -> state.forEach((key, t) ->
                    assertArrayEquals(weights.get(net).get(key).data(), t.data(), net + "/" + key)));
        }

        Path data = tmp.resolve("data");
        SyntheticImages.write(data, 2, 96, 5);
        TrainingOptions o = TrainingOptions.builder().optSize(96).optBatch(1).optSteps(1).optPreviewEvery(0)
                .optSeed(2).build();
        TrainingDataset d = new TrainingDataset(ImageSources.list(data), 96, MaskSource.of(List.of(MaskKind.CENTER)),
                o.seed(), new SkippedFiles());
        Path run = tmp.resolve("run");
        assertEquals(1, new Trainer(o, d, run, Device.cpu(), TrainingListener.NONE).run(false, model, () -> false).endStep());
        assertEquals("96", Safetensors.read(TrainingCheckpoint.file(run, 1)).metadata().get("size"));
    }
}
