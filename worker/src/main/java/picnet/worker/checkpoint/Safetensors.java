package picnet.worker.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header
 * length N, N bytes of JSON header ({@code {"name": {"dtype", "shape", "data_offsets": [begin, end]}, ...,
 * "__metadata__": {string: string}}}, space-padded so the data starts 8-byte aligned), then the data
 * buffer, little-endian, C order, offsets relative to the buffer. Files written here load with
 * {@code safetensors.torch.load_file}; reading validates the header as the reference implementation does.
 */
public final class Safetensors {
    /** How tensors are stored on disk; in memory they are always float32. */
    public enum Dtype {
        F32(4), F16(2);

        final int size;

        Dtype(int size) {
            this.size = size;
        }
    }

    /** The reference implementation refuses headers above 100 MB. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Safetensors() {
    }

    /**
     * Writes {@code tensors} sorted by name, each converted to {@code dtype}. The file is written beside
     * its destination and moved into place, so readers never see a partial file.
     *
     * @param metadata the {@code __metadata__} map, or null / empty for none
     * @throws CheckpointException on an invalid tensor name or an I/O failure, naming the file
     */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata, Dtype dtype) {
        TreeMap<String, HostTensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> entry : sorted.entrySet()) {
            if (entry.getKey().isEmpty() || entry.getKey().equals(METADATA_KEY)) {
                throw new CheckpointException(file + ": invalid tensor name '" + entry.getKey() + "'");
            }
            ObjectNode info = header.putObject(entry.getKey());
            info.put("dtype", dtype.name());
            ArrayNode shape = info.putArray("shape");
            for (long d : entry.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + entry.getValue().numel() * dtype.size;
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            byte[] json = JSON.writeValueAsBytes(header);
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            try (OutputStream out = Files.newOutputStream(partial)) {
                out.write(head.array());
                for (HostTensor tensor : sorted.values()) {
                    writeData(out, tensor.data(), dtype);
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the write error is the one to report
            }
            throw new CheckpointException(file + ": cannot write (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
    }

    /**
     * Reads every tensor as float32 (F32, F16, BF16 and F64 are accepted).
     *
     * @throws CheckpointException if the file is missing, truncated, or its header is malformed, has
     *     out-of-range, overlapping or gapped offsets, naming the file and, where it applies, the tensor
     */
    public static SafetensorsFile read(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new CheckpointException(file + ": truncated (" + fileSize + " bytes, no header length)");
            }
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointException(file + ": invalid header length " + headerLength);
            }
            if (8 + headerLength > fileSize) {
                throw new CheckpointException(file + ": truncated (header of " + headerLength + " bytes, file has "
                        + fileSize + ")");
            }
            byte[] headerBytes = readFully(channel, 8, (int) headerLength).array();
            SafetensorsHeader header = SafetensorsHeader.parse(file.toString(), headerBytes,
                    fileSize - 8 - headerLength);
            LinkedHashMap<String, HostTensor> tensors = new LinkedHashMap<>();
            for (SafetensorsHeader.TensorInfo info : header.tensors()) {
                ByteBuffer data = readFully(channel, 8 + headerLength + info.begin(), (int) (info.end() - info.begin()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                tensors.put(info.name(), new HostTensor(info.shape(), info.dtype().decode(data, (int) info.numel())));
            }
            return new SafetensorsFile(tensors, header.metadata());
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
    }

    private static void writeData(OutputStream out, float[] data, Dtype dtype) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            if (dtype == Dtype.F32) {
                chunk.putInt(Float.floatToRawIntBits(v)); // raw bits: NaN payloads survive
            } else {
                chunk.putShort(HalfPrecision.fromFloat(v));
            }
            if (!chunk.hasRemaining()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }
}
