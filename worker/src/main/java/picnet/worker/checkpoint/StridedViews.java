package picnet.worker.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picnet.worker.checkpoint.TorchUnpickler.TensorRef;

/**
 * Turns PyTorch tensor views (storage, offset, size, stride) into dense C-order {@link HostTensor}s.
 * Every tensor gets its own copy, so keys that alias one storage come out equal but independent.
 */
final class StridedViews {
    private StridedViews() {
    }

    /**
     * Materialises each tensor of a state dict. {@code storages} maps storage keys to their raw bytes
     * (byte order already set; position 0).
     */
    static LinkedHashMap<String, HostTensor> materialize(String file, Map<String, TensorRef> refs,
            Map<String, ByteBuffer> storages) {
        LinkedHashMap<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> entry : refs.entrySet()) {
            ByteBuffer bytes = storages.get(entry.getValue().storage().key());
            if (bytes == null) {
                throw new CheckpointException(file + ": no data for storage " + entry.getValue().storage().key()
                        + " of '" + entry.getKey() + "'");
            }
            out.put(entry.getKey(), gather(file, entry.getKey(), entry.getValue(), bytes));
        }
        return out;
    }

    static HostTensor gather(String file, String name, TensorRef ref, ByteBuffer bytes) {
        StorageDtype type = ref.elementType();
        long[] size = ref.size();
        long[] stride = ref.stride();
        if (size.length != stride.length) {
            throw new CheckpointException(file + ": tensor '" + name + "' has size " + Arrays.toString(size)
                    + " but stride " + Arrays.toString(stride));
        }
        long numel = 1;
        long lastIndex = ref.storage().viewOffset() + ref.offset();
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0 || stride[d] < 0) {
                throw new CheckpointException(file + ": tensor '" + name + "' has a negative size or stride");
            }
            numel *= size[d];
            lastIndex += (size[d] - 1) * stride[d];
        }
        if (numel > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file + ": tensor '" + name + "' has " + numel + " elements, too many for one array");
        }
        float[] data = new float[(int) numel];
        if (numel == 0) {
            return new HostTensor(size.clone(), data);
        }
        long available = bytes.capacity() / type.size;
        if (lastIndex >= available) {
            throw new CheckpointException(file + ": storage for '" + name + "' too short (needs " + (lastIndex + 1)
                    + " " + type.unitPlural() + ", has " + available + ")");
        }
        long start = ref.storage().viewOffset() + ref.offset();
        if (type == StorageDtype.FLOAT32 && isContiguous(size, stride)) {
            bytes.duplicate().order(bytes.order()).position(Math.toIntExact(start * 4)).asFloatBuffer().get(data);
        } else {
            gatherStrided(bytes, type, start, size, stride, data);
        }
        return new HostTensor(size.clone(), data);
    }

    private static void gatherStrided(ByteBuffer bytes, StorageDtype type, long start, long[] size, long[] stride,
            float[] out) {
        int rank = size.length;
        if (rank == 0) {
            out[0] = type.read(bytes, start);
            return;
        }
        long[] counter = new long[rank];
        long base = start; // storage index of the current row's first element
        int last = rank - 1;
        int written = 0;
        while (written < out.length) {
            for (long j = 0; j < size[last]; j++) {
                out[written++] = type.read(bytes, base + j * stride[last]);
            }
            int d = last - 1; // advance the odometer over the outer dimensions
            while (d >= 0) {
                counter[d]++;
                base += stride[d];
                if (counter[d] < size[d]) {
                    break;
                }
                base -= counter[d] * stride[d];
                counter[d] = 0;
                d--;
            }
            if (d < 0) {
                break;
            }
        }
    }

    /** True when the strides are the C-order strides of the size (dimensions of size 1 may have any stride). */
    static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }
}
