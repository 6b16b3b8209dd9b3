package picnet.deploy;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/** A small real model (random weights, 96x96) written as a model directory, for tests of the whole stack. */
public final class TestModels {
    public static final int SIZE = 96;

    private TestModels() {}

    public static Path write(Path modelsDir, String name) {
        Path dir = modelsDir.resolve(name);
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 5)) {
            ModelLoader.save(nets, dir, name, Safetensors.Dtype.F32, Map.of("test", true));
        }
        return dir;
    }
}
