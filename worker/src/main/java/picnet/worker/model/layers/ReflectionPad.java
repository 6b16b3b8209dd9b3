package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/** {@code ReflectionPad2d(1)}, which DJL lacks: mirror the second row/column outward, edges excluded. */
public final class ReflectionPad {
    private ReflectionPad() {}

    public static NDArray pad1(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray rows = NDArrays.concat(new NDList(
                x.get(new NDIndex(":, :, 1:2, :")), x, x.get(new NDIndex(":, :, {}:{}, :", h - 2, h - 1))), 2);
        return NDArrays.concat(new NDList(
                rows.get(new NDIndex(":, :, :, 1:2")), rows, rows.get(new NDIndex(":, :, :, {}:{}", w - 2, w - 1))), 3);
    }
}
