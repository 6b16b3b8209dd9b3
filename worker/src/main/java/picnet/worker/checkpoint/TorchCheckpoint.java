package picnet.worker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.worker.checkpoint.TorchUnpickler.TensorRef;

/**
 * Reads PyTorch state-dict files ({@code torch.save(model.state_dict(), f)}) without PyTorch, in both
 * serializations: the zip archive of PyTorch >= 1.6 and the legacy stream of pickles before it. Keys
 * are returned as stored, {@code module.} prefix included; see {@link #stripPrefix}.
 */
public final class TorchCheckpoint {
    private TorchCheckpoint() {
    }

    /**
     * Reads every tensor of a state dict as float32, in the file's key order. Views are gathered,
     * so aliased keys (two names, one storage) each get a correct, independent copy.
     *
     * @throws CheckpointException if the file is missing, truncated, not a checkpoint, or inconsistent
     */
    public static LinkedHashMap<String, HostTensor> read(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + oneLine(e) + ")", e);
        }
        if (head.length == 0) {
            throw new CheckpointException(file + ": empty file, not a PyTorch checkpoint");
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZipTorchFormat.read(file);
        }
        if ((head[0] & 0xff) == 0x80) { // pickle PROTO opcode: the legacy format's magic-number pickle
            return LegacyTorchFormat.read(file);
        }
        throw new CheckpointException(file + ": not a PyTorch checkpoint (neither a zip archive nor a legacy pickle)");
    }

    /**
     * Removes {@code prefix} from every key that has it (e.g. the {@code module.} that
     * {@code DataParallel} adds); other keys are kept. Order is preserved.
     *
     * @throws IllegalArgumentException if stripping makes two keys equal
     */
    public static <T> LinkedHashMap<String, T> stripPrefix(Map<String, T> tensors, String prefix) {
        LinkedHashMap<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, T> entry : tensors.entrySet()) {
            String key = entry.getKey();
            String stripped = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
            if (out.put(stripped, entry.getValue()) != null) {
                throw new IllegalArgumentException("stripping '" + prefix + "' from '" + key
                        + "' collides with another key '" + stripped + "'");
            }
        }
        return out;
    }

    /** Checks that an unpickled root object is a state dict: a dict of string keys to tensors. */
    static LinkedHashMap<String, TensorRef> stateDict(String file, Object root) {
        if (!(root instanceof Map<?, ?> map)) {
            throw new CheckpointException(file + ": not a state dict (the pickle holds " + describe(root) + ")");
        }
        LinkedHashMap<String, TensorRef> refs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof TensorRef ref)) {
                throw new CheckpointException(file + ": not a state dict ('" + entry.getKey() + "' holds "
                        + describe(entry.getValue()) + ", not a tensor)");
            }
            refs.put(key, ref);
        }
        return refs;
    }

    /** The first tensor (in key order) that uses each storage: the name error messages give. */
    static Map<String, String> firstUserOfStorage(Map<String, TensorRef> refs) {
        Map<String, String> users = new LinkedHashMap<>();
        refs.forEach((name, ref) -> users.putIfAbsent(ref.storage().key(), name));
        return users;
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof List<?> || value instanceof Object[]) {
            return "a list or tuple";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
