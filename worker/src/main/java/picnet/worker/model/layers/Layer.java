package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;

/** A module with one input and one output. */
public interface Layer {
    NDArray forward(NDArray x);
}
