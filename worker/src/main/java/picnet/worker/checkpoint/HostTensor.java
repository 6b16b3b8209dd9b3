package picnet.worker.checkpoint;

import java.util.Arrays;

/**
 * A float32 tensor in Java heap memory, C order. The neutral form every checkpoint format is read into
 * and written from, so readers and writers never depend on the engine.
 */
public record HostTensor(long[] shape, float[] data) {
    public HostTensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    public long numel() {
        return data.length;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
