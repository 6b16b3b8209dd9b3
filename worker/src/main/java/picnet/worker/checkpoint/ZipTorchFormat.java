package picnet.worker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import picnet.worker.checkpoint.TorchUnpickler.StorageRef;
import picnet.worker.checkpoint.TorchUnpickler.TensorRef;

/**
 * The {@code torch.save} format of PyTorch >= 1.6: a zip archive with one top folder (any name) holding
 * {@code data.pkl} (the state-dict pickle), {@code data/<key>} (each storage, raw), {@code version} and,
 * from PyTorch 2.x, {@code byteorder} ("little" when absent).
 */
final class ZipTorchFormat {
    private ZipTorchFormat() {
    }

    static LinkedHashMap<String, HostTensor> read(Path path) {
        String file = path.toString();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String prefix = recordPrefix(zip, file);
            ByteOrder order = byteOrder(zip, prefix);
            TorchUnpickler unpickler = new TorchUnpickler();
            Object root;
            try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
                root = unpickler.unpickle(in);
            } catch (IOException e) {
                throw new CheckpointException(file + ": truncated or corrupt data.pkl (" + TorchCheckpoint.oneLine(e)
                        + ")", e);
            } catch (RuntimeException e) {
                throw new CheckpointException(file + ": unsupported or corrupt data.pkl (" + TorchCheckpoint.oneLine(e)
                        + ")", e);
            }
            Map<String, TensorRef> refs = TorchCheckpoint.stateDict(file, root);
            Map<String, String> users = TorchCheckpoint.firstUserOfStorage(refs);
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (StorageRef storage : unpickler.storages.values()) {
                String user = users.getOrDefault(storage.key(), "storage " + storage.key());
                storages.put(storage.key(), readStorage(zip, file, prefix + "data/" + storage.key(), user, order));
            }
            return StridedViews.materialize(file, refs, storages);
        } catch (ZipException e) {
            throw new CheckpointException(file + ": corrupt or truncated zip archive (" + TorchCheckpoint.oneLine(e)
                    + ")", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
    }

    /** The top folder, with its slash, found as the folder of the one {@code <top>/data.pkl} entry. */
    private static String recordPrefix(ZipFile zip, String file) {
        List<String> prefixes = new ArrayList<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            String name = entry.getName();
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                prefixes.add(name.substring(0, name.length() - "data.pkl".length()));
            }
        }
        if (prefixes.size() != 1) {
            throw new CheckpointException(file + ": not a PyTorch checkpoint (" + prefixes.size()
                    + " <folder>/data.pkl entries in the zip, expected 1)");
        }
        return prefixes.get(0);
    }

    private static ByteOrder byteOrder(ZipFile zip, String prefix) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            String order = new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim();
            return "big".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
    }

    private static ByteBuffer readStorage(ZipFile zip, String file, String entryName, String user, ByteOrder order)
            throws IOException {
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new CheckpointException(file + ": missing " + entryName + " (the storage for '" + user + "')");
        }
        if (entry.getSize() > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file + ": storage for '" + user + "' is larger than 2 GiB, not supported");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readAllBytes();
            if (entry.getSize() >= 0 && data.length != entry.getSize()) {
                throw new CheckpointException(file + ": truncated in storage for '" + user + "' (" + entryName + ")");
            }
            return ByteBuffer.wrap(data).order(order);
        }
    }
}
