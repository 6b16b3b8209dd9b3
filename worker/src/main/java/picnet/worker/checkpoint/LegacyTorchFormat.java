package picnet.worker.checkpoint;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.worker.checkpoint.TorchUnpickler.StorageRef;
import picnet.worker.checkpoint.TorchUnpickler.TensorRef;

/**
 * The pre-1.6 {@code torch.save} format: one file holding, in order, a pickle of the magic number, a
 * pickle of the protocol version (1001), a pickle of {@code sys_info}, the state-dict pickle, a pickle
 * of the list of storage keys, and then for each of those keys the storage: an int64 element count
 * followed by the raw elements, in the byte order {@code sys_info} names.
 */
final class LegacyTorchFormat {
    static final BigInteger MAGIC = new BigInteger("119547037146038801333356"); // 0x1950a86a20f9469cfc6c
    static final int PROTOCOL_VERSION = 1001;

    private LegacyTorchFormat() {
    }

    static LinkedHashMap<String, HostTensor> read(Path path) {
        String file = path.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            Object magic = unpickle(new TorchUnpickler(), in, file, "magic number");
            if (!(magic instanceof Number number) || !MAGIC.equals(new BigInteger(number.toString()))) {
                throw new CheckpointException(file + ": not a PyTorch checkpoint (wrong magic number)");
            }
            Object protocol = unpickle(new TorchUnpickler(), in, file, "protocol version");
            if (!(protocol instanceof Number version) || version.intValue() != PROTOCOL_VERSION) {
                throw new CheckpointException(file + ": unsupported legacy protocol version " + protocol);
            }
            ByteOrder order = byteOrder(unpickle(new TorchUnpickler(), in, file, "sys_info"));
            TorchUnpickler stateDictReader = new TorchUnpickler();
            Map<String, TensorRef> refs =
                    TorchCheckpoint.stateDict(file, unpickle(stateDictReader, in, file, "state dict"));
            Object keys = unpickle(new TorchUnpickler(), in, file, "storage key list");
            if (!(keys instanceof List<?> keyList)) {
                throw new CheckpointException(file + ": corrupt storage key list");
            }
            Map<String, String> users = TorchCheckpoint.firstUserOfStorage(refs);
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (Object key : keyList) {
                StorageRef storage = stateDictReader.storages.get(String.valueOf(key));
                if (storage == null) {
                    throw new CheckpointException(file + ": storage " + key + " is listed but never referenced");
                }
                String user = users.getOrDefault(storage.key(), "storage " + storage.key());
                storages.put(storage.key(), readStorage(in, file, storage, user, order));
            }
            return StridedViews.materialize(file, refs, storages);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
    }

    private static ByteBuffer readStorage(InputStream in, String file, StorageRef storage, String user,
            ByteOrder order) throws IOException {
        int elementSize = storage.dtype() == null ? 1 : storage.dtype().size;
        String unit = storage.dtype() == null ? "bytes" : storage.dtype().unitPlural();
        byte[] header = in.readNBytes(8);
        if (header.length < 8) {
            throw new CheckpointException(file + ": truncated before the storage for '" + user + "'");
        }
        long count = ByteBuffer.wrap(header).order(order).getLong();
        if (count < 0 || count * elementSize > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file + ": storage for '" + user + "' has an invalid or too large size "
                    + count);
        }
        // readNBytes grows its buffer as data arrives, so a corrupt count does not allocate up front
        byte[] data = in.readNBytes((int) (count * elementSize));
        if (data.length < count * elementSize) {
            throw new CheckpointException(file + ": truncated in storage for '" + user + "' (needs " + count + " "
                    + unit + ", has " + data.length / elementSize + ")");
        }
        return ByteBuffer.wrap(data).order(order);
    }

    private static ByteOrder byteOrder(Object sysInfo) {
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            return ByteOrder.BIG_ENDIAN;
        }
        return ByteOrder.LITTLE_ENDIAN;
    }

    private static Object unpickle(TorchUnpickler unpickler, InputStream in, String file, String part) {
        try {
            return unpickler.unpickle(in);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) { // the library's end-of-input errors
            throw new CheckpointException(file + ": truncated or corrupt " + part + " pickle ("
                    + TorchCheckpoint.oneLine(e) + ")", e);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": unsupported or corrupt " + part + " pickle ("
                    + TorchCheckpoint.oneLine(e) + ")", e);
        }
    }
}
