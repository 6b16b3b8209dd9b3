package picnet.worker.model;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picnet.worker.checkpoint.CheckpointException;
import picnet.worker.checkpoint.CheckpointFiles;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.LoadedModelFiles;
import picnet.worker.checkpoint.ModelConfig;
import picnet.worker.checkpoint.ModelDirectory;
import picnet.worker.checkpoint.Safetensors;

/**
 * Loads networks from either of the two layouts a user may point at: picnet's model directory
 * ({@code config.json} + safetensors) or a directory of the authors' {@code latest_net_*.pth}.
 */
public final class ModelLoader {
    private ModelLoader() {}

    public static boolean isModelDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG_FILE));
    }

    /**
     * @param authorsSize image size to assume for the authors' checkpoints, which do not record it
     *     (the released ones are 256)
     */
    public static PicnetNetworks load(Path dir, Device device, int authorsSize) {
        return load(dir, device, authorsSize, false);
    }

    /**
     * Loads the weights of any model for networks of image size {@code size}: every weight of the
     * architecture is independent of the image size (all layers are convolutions), only the shapes of
     * its activations change. Training uses it to start a run at one size from a model of another.
     */
    public static PicnetNetworks loadAtSize(Path dir, Device device, int size) {
        return load(dir, device, size, true);
    }

    private static PicnetNetworks load(Path dir, Device device, int size, boolean atSize) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir + ": no such model directory");
        }
        if (isModelDirectory(dir)) {
            LoadedModelFiles files = ModelDirectory.read(dir);
            ModelConfig c = files.config();
            int s = atSize ? size : c.size();
            PicnetConfig config = new PicnetConfig(s, c.ngf(), c.zNc(), c.imgF(), c.layers(),
                    PicnetConfig.released(s).encoderL(), c.outputScale());
            return PicnetNetworks.load(config, device, files.networks(), dir.toString());
        }
        return PicnetNetworks.load(PicnetConfig.released(size), device,
                CheckpointFiles.readAuthorsDirectory(dir), dir.toString());
    }

    /** Writes the networks as a picnet model directory (all alias keys included, for PyTorch's strict load). */
    public static void save(PicnetNetworks nets, Path dir, String name, Safetensors.Dtype dtype,
            Map<String, Object> provenance) {
        save(nets, dir, name, ModelStorage.of(dtype), provenance, true);
    }

    /**
     * As {@link #save(PicnetNetworks, Path, String, Safetensors.Dtype, Map)}, in the given storage, leaving D_rec
     * out when asked: serving never uses it, and training starts it as a copy of D where a model has none.
     */
    public static void save(PicnetNetworks nets, Path dir, String name, ModelStorage storage,
            Map<String, Object> provenance, boolean withReconstructionDiscriminator) {
        PicnetConfig c = nets.config();
        ModelConfig config = ModelConfig.of(name, c.size(), c.ngf(), c.zNc(), c.imgF(), c.layers(), c.outputScale(),
                storage.dtype(), new LinkedHashMap<>(provenance));
        Map<String, Map<String, HostTensor>> networks = nets.export(storage.aliases());
        if (!withReconstructionDiscriminator) {
            networks.remove(PicnetNetworks.D_REC);
        }
        ModelDirectory.write(dir, config, networks);
    }
}
