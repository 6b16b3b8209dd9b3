package picnet.worker.checkpoint;

import java.nio.file.Path;
import java.util.Map;

/**
 * A picnet model directory as read by {@link ModelDirectory#read}: its config and, per network
 * ("E", "G", "D" and, if present, "D_rec"), the state dict as float32, keys without {@code module.}.
 */
public record LoadedModelFiles(Path dir, ModelConfig config, Map<String, Map<String, HostTensor>> networks) {

    /** The state dict of {@code network}; a one-line {@link CheckpointException} if the directory lacks it. */
    public Map<String, HostTensor> network(String network) {
        Map<String, HostTensor> state = networks.get(network);
        if (state == null) {
            throw new CheckpointException(dir.resolve(ModelDirectory.fileName(network)) + ": missing");
        }
        return state;
    }
}
