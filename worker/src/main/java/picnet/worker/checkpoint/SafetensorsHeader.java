package picnet.worker.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated safetensors JSON header. Validation follows the format's rules: the header is a
 * JSON object (first byte '{'), no duplicate keys, each tensor's byte range matches its shape and dtype,
 * and the ranges tile the data buffer exactly, without overlaps or holes.
 */
record SafetensorsHeader(List<TensorInfo> tensors, Map<String, String> metadata) {

    /** Element types accepted on read; all are converted to float32. */
    enum StoredDtype {
        F32(4), F16(2), BF16(2), F64(8);

        final int size;

        StoredDtype(int size) {
            this.size = size;
        }

        float[] decode(ByteBuffer data, int numel) {
            float[] out = new float[numel];
            switch (this) {
                case F32 -> data.asFloatBuffer().get(out);
                case F16 -> {
                    for (int i = 0; i < numel; i++) {
                        out[i] = HalfPrecision.toFloat(data.getShort(2 * i));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < numel; i++) {
                        out[i] = HalfPrecision.bfloat16ToFloat(data.getShort(2 * i));
                    }
                }
                case F64 -> {
                    for (int i = 0; i < numel; i++) {
                        out[i] = (float) data.getDouble(8 * i);
                    }
                }
            }
            return out;
        }
    }

    record TensorInfo(String name, StoredDtype dtype, long[] shape, long numel, long begin, long end) {
    }

    static SafetensorsHeader parse(String file, byte[] bytes, long bufferLength) {
        if (bytes[0] != '{') {
            throw new CheckpointException(file + ": malformed header (does not start with '{')");
        }
        JsonNode root;
        try {
            root = Safetensors.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String reason = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ");
            throw new CheckpointException(file + ": malformed header JSON (" + reason + ")", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": malformed header JSON (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": malformed header (not a JSON object)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(Safetensors.METADATA_KEY)) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                tensors.add(tensorInfo(file, field.getKey(), field.getValue(), bufferLength));
            }
        }
        checkTiling(file, tensors, bufferLength);
        return new SafetensorsHeader(tensors, metadata);
    }

    private static void readMetadata(String file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw new CheckpointException(file + ": malformed header (__metadata__ is not an object)");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new CheckpointException(file + ": malformed header (__metadata__ value '" + entry.getKey()
                        + "' is not a string)");
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
    }

    private static TensorInfo tensorInfo(String file, String name, JsonNode node, long bufferLength) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw new CheckpointException(where + " has a malformed entry (needs dtype, shape, data_offsets [begin, end])");
        }
        StoredDtype dtype;
        try {
            dtype = StoredDtype.valueOf(node.get("dtype").textValue());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + " has dtype " + node.get("dtype").textValue()
                    + ", not supported (F32, F16, BF16, F64)");
        }
        long[] shape = new long[node.get("shape").size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegativeLong(node.get("shape").get(i), where + " has an invalid shape");
            try {
                numel = Math.multiplyExact(numel, shape[i]);
            } catch (ArithmeticException e) {
                throw new CheckpointException(where + " has a shape too large");
            }
        }
        long begin = nonNegativeLong(node.get("data_offsets").get(0), where + " has invalid data_offsets");
        long end = nonNegativeLong(node.get("data_offsets").get(1), where + " has invalid data_offsets");
        if (begin > end || end > bufferLength) {
            throw new CheckpointException(where + " has data_offsets [" + begin + ", " + end + "] outside the "
                    + bufferLength + "-byte data buffer" + (end > bufferLength ? " (file truncated?)" : ""));
        }
        if (numel > Integer.MAX_VALUE - 8 || numel * dtype.size != end - begin) {
            throw new CheckpointException(where + " has data_offsets [" + begin + ", " + end + "] holding "
                    + (end - begin) + " bytes, but shape " + Arrays.toString(shape) + " " + dtype + " needs "
                    + numel * dtype.size);
        }
        return new TensorInfo(name, dtype, shape, numel, begin, end);
    }

    /** The byte ranges, sorted, must cover [0, bufferLength) exactly once. */
    private static void checkTiling(String file, List<TensorInfo> tensors, long bufferLength) {
        List<TensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        String previous = null;
        for (TensorInfo t : byOffset) {
            if (t.begin() < expected) {
                throw new CheckpointException(file + ": tensor '" + t.name() + "' data_offsets [" + t.begin() + ", "
                        + t.end() + "] overlap tensor '" + previous + "'");
            }
            if (t.begin() > expected) {
                throw new CheckpointException(file + ": tensor '" + t.name() + "' data_offsets [" + t.begin() + ", "
                        + t.end() + "] leave a hole at byte " + expected);
            }
            expected = t.end();
            previous = t.name();
        }
        if (expected != bufferLength) {
            throw new CheckpointException(file + ": " + (bufferLength - expected)
                    + " bytes after the last tensor are not indexed by the header");
        }
    }

    private static long nonNegativeLong(JsonNode node, String error) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new CheckpointException(error);
        }
        return node.longValue();
    }
}
