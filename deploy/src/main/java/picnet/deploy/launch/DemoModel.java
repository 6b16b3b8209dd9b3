package picnet.deploy.launch;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/**
 * When a models directory holds no model at all, writes an untrained one so that the system still
 * starts and every part can be tried; its completions are noise, and it says so in its name.
 */
public final class DemoModel {
    public static final String NAME = "untrained-demo";
    /**
     * The model this repository ships in {@code models/}, trained by picnet on Debian's wallpapers
     * ({@code deploy/datasets}); {@code picnet up} makes it the default when it is there.
     */
    public static final String SHIPPED = "scenery";

    private DemoModel() {}

    public static void ensureOne(Path modelsDir) {
        try {
            Files.createDirectories(modelsDir);
            try (Stream<Path> dirs = Files.list(modelsDir)) {
                if (dirs.anyMatch(ModelLoader::isModelDirectory)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(modelsDir + ": " + e.getMessage(), e);
        }
        System.err.println("picnet: no model in " + modelsDir + "; writing '" + NAME
                + "' (random weights: its completions are noise; see the README to import or train a real model)");
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(256), Device.cpu(), 1)) {
            ModelLoader.save(nets, modelsDir.resolve(NAME), NAME, Safetensors.Dtype.F16, Map.of("trained", false));
        }
    }
}
