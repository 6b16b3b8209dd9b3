package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/** {@code ReflectionPad2d}, which DJL lacks: mirror the rows and columns next to each edge outward, edges excluded. */
public final class ReflectionPad {
    private ReflectionPad() {}

    /** {@code ReflectionPad2d(1)}. */
    public static NDArray pad1(NDArray x) {
        return pad(x, 1);
    }

    /** {@code ReflectionPad2d(p)} of (N, C, H, W): p must be less than H and W. */
    public static NDArray pad(NDArray x, int p) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (p < 1 || p >= h || p >= w) {
            throw new IllegalArgumentException("a reflection of " + p + " needs more than " + p + " rows and columns, got "
                    + h + "x" + w);
        }
        NDArray rows = NDArrays.concat(new NDList(reversed(x.get(new NDIndex(":, :, 1:{}, :", p + 1)), 2), x,
                reversed(x.get(new NDIndex(":, :, {}:{}, :", h - p - 1, h - 1)), 2)), 2);
        return NDArrays.concat(new NDList(reversed(rows.get(new NDIndex(":, :, :, 1:{}", p + 1)), 3), rows,
                reversed(rows.get(new NDIndex(":, :, :, {}:{}", w - p - 1, w - 1)), 3)), 3);
    }

    /** {@code slice} reversed along {@code axis}; a single row or column, as in the model's every forward, is its own reverse. */
    private static NDArray reversed(NDArray slice, int axis) {
        return slice.getShape().get(axis) == 1 ? slice : slice.flip(axis);
    }
}
