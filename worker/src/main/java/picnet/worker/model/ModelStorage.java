package picnet.worker.model;

import picnet.worker.checkpoint.Safetensors;

/**
 * How a model directory stores its weights.
 *
 * @param dtype the precision on disk
 * @param aliases whether every alias key of the authors' state dicts is written (what PyTorch's strict load of
 *     their code expects); without them each tensor is written once, about half the size, and only picnet
 *     loads the directory, which reads each weight under its first name
 */
public record ModelStorage(Safetensors.Dtype dtype, boolean aliases) {
    /** With every alias key, as the authors' code reads it. */
    public static ModelStorage of(Safetensors.Dtype dtype) {
        return new ModelStorage(dtype, true);
    }
}
