package picnet.worker.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Safetensors#read} returns: every tensor as float32, in the header's order, and the
 * header's {@code __metadata__} string map (empty when the file has none).
 */
public record SafetensorsFile(LinkedHashMap<String, HostTensor> tensors, Map<String, String> metadata) {
}
