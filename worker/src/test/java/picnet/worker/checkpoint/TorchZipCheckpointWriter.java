package picnet.worker.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Test helper: writes a state dict in the zip layout {@code torch.save} has used since PyTorch 1.6, so
 * the zip reader can be tested without PyTorch. The pickle is emitted opcode by opcode, as CPython's
 * protocol-2 pickler writes a state dict: an {@code collections.OrderedDict} of
 * {@code torch._utils._rebuild_tensor_v2(BINPERSID ('storage', torch.FloatStorage, key, 'cpu', numel),
 * offset, size, stride, False, OrderedDict())}. Entries are stored (not deflated), their data aligned to
 * 64 bytes as PyTorch's writer does: {@code archive/data.pkl}, {@code archive/data/<key>},
 * {@code archive/version} ("3\n").
 */
final class TorchZipCheckpointWriter {
    /** A storage: its class name in module {@code torch} (e.g. "FloatStorage"), raw little-endian bytes, element count. */
    record Storage(String storageClass, byte[] bytes, long numel) {
        static Storage float32(float... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return new Storage("FloatStorage", b.array(), values.length);
        }
    }

    /**
     * One state-dict key: a view (offset, size, stride in elements) of a storage. A non-null {@code dtype}
     * (e.g. "float16") writes {@code _rebuild_tensor_v3(..., torch.<dtype>)}, as for untyped storages;
     * {@code parameter} wraps the tensor in {@code _rebuild_parameter} as a saved nn.Parameter is.
     */
    record Entry(String name, String storageKey, long offset, long[] size, long[] stride, String dtype,
            boolean parameter) {
        Entry(String name, String storageKey, long offset, long[] size, long[] stride) {
            this(name, storageKey, offset, size, stride, null, false);
        }
    }

    private TorchZipCheckpointWriter() {
    }

    /** Writes each tensor as its own contiguous float32 storage, keys "0", "1", ... in map order. */
    static void write(Path file, Map<String, HostTensor> stateDict) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Storage> storages = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : stateDict.entrySet()) {
            String key = Integer.toString(storages.size());
            HostTensor t = e.getValue();
            storages.put(key, Storage.float32(t.data()));
            entries.add(new Entry(e.getKey(), key, 0, t.shape(), contiguousStrides(t.shape())));
        }
        write(file, entries, storages, false);
    }

    /** Writes arbitrary views; {@code withMetadata} adds the {@code _metadata} attribute state_dict() sets. */
    static void write(Path file, List<Entry> entries, Map<String, Storage> storages, boolean withMetadata)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                CountingStream counting = new CountingStream(raw);
                ZipOutputStream zip = new ZipOutputStream(counting)) {
            putStored(zip, counting, "archive/data.pkl", pickle(entries, storages, withMetadata));
            for (Map.Entry<String, Storage> s : storages.entrySet()) {
                putStored(zip, counting, "archive/data/" + s.getKey(), s.getValue().bytes());
            }
            putStored(zip, counting, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    static long[] contiguousStrides(long[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= shape[d];
        }
        return stride;
    }

    private static byte[] pickle(List<Entry> entries, Map<String, Storage> storages, boolean withMetadata) {
        PickleBytes p = new PickleBytes();
        p.op(0x80).op(2); // PROTO 2
        p.global("collections", "OrderedDict").op(')').op('R').put(); // OrderedDict()
        p.op('(');
        for (Entry e : entries) {
            Storage s = storages.get(e.storageKey());
            p.string(e.name()).put();
            if (e.parameter()) {
                p.global("torch._utils", "_rebuild_parameter").op('(');
            }
            p.global("torch._utils", e.dtype() == null ? "_rebuild_tensor_v2" : "_rebuild_tensor_v3");
            p.op('(');
            p.op('(').string("storage").global("torch", s.storageClass()).string(e.storageKey()).string("cpu")
                    .integer(s.numel()).op('t').put().op('Q'); // BINPERSID
            p.integer(e.offset()).tuple(e.size()).tuple(e.stride()).op(0x89); // requires_grad False
            p.global("collections", "OrderedDict").op(')').op('R').put(); // backward_hooks
            if (e.dtype() != null) {
                p.global("torch", e.dtype());
            }
            p.op('t').put().op('R').put();
            if (e.parameter()) { // (tensor, requires_grad True, OrderedDict())
                p.op(0x88).global("collections", "OrderedDict").op(')').op('R').put().op('t').put().op('R').put();
            }
        }
        p.op('u'); // SETITEMS
        if (withMetadata) { // {'_metadata': OrderedDict({'': {'version': 1}})} applied by BUILD
            p.op('}').put().string("_metadata").global("collections", "OrderedDict").op(')').op('R').put();
            p.string("").op('}').put().string("version").integer(1).op('s').op('s').op('s').op('b');
        }
        p.op('.');
        return p.out.toByteArray();
    }

    private static void putStored(ZipOutputStream zip, CountingStream counting, String name, byte[] data)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTime(315532800000L);
        // pad the local header with an "FB" extra field so the data starts at a multiple of 64, like PyTorch
        long headerEnd = counting.count + 30 + name.getBytes(StandardCharsets.UTF_8).length + 4;
        int pad = (int) ((64 - headerEnd % 64) % 64);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        entry.setExtra(extra);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    /** Emits protocol-2 opcodes, memoizing globals the way CPython does (BINPUT, then BINGET on reuse). */
    private static final class PickleBytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Map<String, Integer> globals = new HashMap<>();
        int memo;

        PickleBytes op(int opcode) {
            out.write(opcode);
            return this;
        }

        PickleBytes put() {
            int index = memo++;
            if (index < 256) {
                op('q').op(index);
            } else {
                op('r');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(index).array());
            }
            return this;
        }

        PickleBytes global(String module, String name) {
            Integer index = globals.get(module + "." + name);
            if (index != null) {
                if (index < 256) {
                    return op('h').op(index);
                }
                op('j');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(index).array());
                return this;
            }
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            globals.put(module + "." + name, memo);
            return put();
        }

        PickleBytes string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
            out.writeBytes(utf8);
            return this;
        }

        PickleBytes integer(long v) {
            if (v >= 0 && v < 256) {
                return op('K').op((int) v);
            }
            if (v >= 0 && v < 65536) {
                return op('M').op((int) (v & 0xff)).op((int) (v >>> 8));
            }
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                op('J');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
                return this;
            }
            op(0x8a).op(8); // LONG1, 8 bytes two's complement little-endian
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            return this;
        }

        PickleBytes tuple(long[] values) {
            if (values.length == 0) {
                return op(')');
            }
            if (values.length > 3) {
                op('(');
            }
            for (long v : values) {
                integer(v);
            }
            return op(values.length > 3 ? 't' : 0x84 + values.length).put(); // TUPLE or TUPLE1..3
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
